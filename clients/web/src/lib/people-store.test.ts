import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiFor, FakeServer } from '../test/harness.ts';
import { identityApi } from './identity-api.ts';
import { notificationsApi } from './notifications-api.ts';
import { PeopleStore, PRESENCE_STALE_MS, WATCHED_PRESENCE_REFRESH_MS } from './people-store.ts';

// Presence is pushed to contacts and small conversations (ADR 0034): the client asks for it only when
// it may have missed frames, and for a shown member list of a group too big for frames.

function peopleOn(server: FakeServer, me: string, options: { now?: () => number; isVisible?: () => boolean } = {}) {
  const api = apiFor(server, me);
  return new PeopleStore({ identity: identityApi(api), notifications: notificationsApi(api), ...options });
}

const presenceAsks = (server: FakeServer) =>
  server.calls.filter((c) => c.method === 'GET' && c.path === '/notifications/presence');

describe('presence in the people store', () => {
  it('given a refresh a minute ago, when the tab is shown again, then it does not ask; past the stale age it asks once for everyone known', async () => {
    const server = new FakeServer();
    const ada = server.addUser('Ada');
    const bob = server.addUser('Bob');
    server.online.add(bob.id);
    let now = 1_000_000;
    const people = peopleOn(server, ada.id, { now: () => now });
    people.remember([{ id: bob.id, displayName: 'Bob', roles: [] }]);
    await people.refreshPresence();
    expect(presenceAsks(server)).toHaveLength(1);

    now += 60_000;
    await people.refreshPresenceIfStale();
    expect(presenceAsks(server)).toHaveLength(1);

    now += PRESENCE_STALE_MS;
    await people.refreshPresenceIfStale();
    expect(presenceAsks(server)).toHaveLength(2);
    expect(presenceAsks(server)[1]?.query.get('userIds')).toBe(bob.id);
    expect(people.state.get().presence[bob.id]?.status).toBe('online');
  });

  describe('a watched member list', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('given a group too big for frames, then it asks now, again each interval while visible, never while hidden, and not after it is closed', async () => {
      const server = new FakeServer();
      const ada = server.addUser('Ada');
      const bob = server.addUser('Bob');
      let visible = true;
      const people = peopleOn(server, ada.id, { isVisible: () => visible });

      const stop = people.watchPresence([bob.id], { repeat: true });
      await vi.advanceTimersByTimeAsync(0);
      expect(presenceAsks(server)).toHaveLength(1);
      expect(people.state.get().presence[bob.id]?.status).toBe('offline');

      server.online.add(bob.id);
      await vi.advanceTimersByTimeAsync(WATCHED_PRESENCE_REFRESH_MS);
      expect(presenceAsks(server)).toHaveLength(2);
      expect(people.state.get().presence[bob.id]?.status).toBe('online');

      visible = false;
      await vi.advanceTimersByTimeAsync(3 * WATCHED_PRESENCE_REFRESH_MS);
      expect(presenceAsks(server)).toHaveLength(2);

      visible = true;
      stop();
      await vi.advanceTimersByTimeAsync(3 * WATCHED_PRESENCE_REFRESH_MS);
      expect(presenceAsks(server)).toHaveLength(2);
    });

    it('given a small group (its presence comes as frames), then it asks once and never again', async () => {
      const server = new FakeServer();
      const ada = server.addUser('Ada');
      const bob = server.addUser('Bob');
      const people = peopleOn(server, ada.id);

      const stop = people.watchPresence([bob.id], { repeat: false });
      await vi.advanceTimersByTimeAsync(10 * WATCHED_PRESENCE_REFRESH_MS);
      stop();
      await vi.advanceTimersByTimeAsync(0);

      expect(presenceAsks(server)).toHaveLength(1);
    });
  });
});
