import { PresenceChanged } from '@parley/events/notifications';
import { act, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../lib/i18n.ts';
import { PRESENCE_STALE_MS } from '../lib/people-store.ts';
import { eventFrame, FakeServer } from '../test/fake-server.ts';
import { signedIn } from '../test/signed-in.tsx';

// Two cores shared by many test runs: give the fake backend's round trips time.
configure({ asyncUtilTimeout: 5_000 });

describe('the directory in People, with presence', { timeout: 20_000 }, () => {
  beforeEach(() => setLocale('en'));

  it('shows who is online, and follows a person going offline and coming back without a new search', async () => {
    // Given Bob is online and Cy is not, and Ada in People
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    const bob = server.addUser('Bob Marley');
    server.addUser('Bob Dylan');
    server.online.add(bob.id);
    const { push } = await signedIn(server, ada.id, '#/people');

    // When she searches the directory for "Bob"
    fireEvent.change(await screen.findByTestId('directory-search'), { target: { value: 'Bob' } });
    const row = (name: string) =>
      screen.getAllByTestId('person-row').find((r) => r.textContent?.includes(name)) as HTMLElement;
    const detail = (name: string) => within(row(name)).getByTestId('person-detail').textContent;
    await waitFor(() => expect(screen.getAllByTestId('person-row')).toHaveLength(2));

    // Then Bob Marley's entry says "Online" with the green dot; Bob Dylan's says when he was last seen
    await waitFor(() => expect(detail('Bob Marley')).toMatch(/^Online\b/));
    expect(within(row('Bob Marley')).getByRole('img', { name: 'Online' })).toBeTruthy();
    await waitFor(() => expect(detail('Bob Dylan')).toMatch(/^Last seen /));
    expect(within(row('Bob Dylan')).queryByTestId('presence-online')).toBeNull();

    // When a PresenceChanged frame says Bob Marley went offline a minute ago
    const lastSeenAt = new Date(Date.now() - 60_000).toISOString();
    await push(eventFrame(PresenceChanged, { userId: bob.id, status: 'offline', lastSeenAt, changedAt: lastSeenAt }));

    // Then his entry changes at once: last seen a minute ago, no dot, no "Online"
    await waitFor(() => expect(detail('Bob Marley')).toMatch(/^Last seen 1 minute ago\b/));
    expect(detail('Bob Marley')).not.toContain('Online');
    expect(within(row('Bob Marley')).queryByTestId('presence-online')).toBeNull();

    // When he comes back, then "Online" again
    const now = new Date().toISOString();
    await push(eventFrame(PresenceChanged, { userId: bob.id, status: 'online', lastSeenAt: now, changedAt: now }));
    await waitFor(() => expect(detail('Bob Marley')).toMatch(/^Online\b/));
    expect(within(row('Bob Marley')).getByTestId('presence-online')).toBeTruthy();
  });
});

describe('presence is pushed, not polled (ADR 0034)', { timeout: 20_000 }, () => {
  beforeEach(() => setLocale('en'));
  afterEach(() => vi.useRealTimers());

  it('asks nothing on a timer while the tab is open, and asks again when the tab is shown after a while', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    const bob = server.addUser('Bob Marley');
    server.addConversation([ada.id, bob.id]);
    await signedIn(server, ada.id, '#/');
    const asks = () => server.calls.filter((c) => c.path === '/notifications/presence').length;
    await waitFor(() => expect(asks()).toBeGreaterThan(0));
    const before = asks();

    // When the open tab sits for ten minutes
    await act(() => vi.advanceTimersByTimeAsync(10 * 60_000));
    // Then nothing asked for presence (frames bring it)
    expect(asks()).toBe(before);

    // When the tab is shown again: it asks once; shown again at once, it does not ask twice
    const shown = () => act(async () => void document.dispatchEvent(new Event('visibilitychange')));
    await shown();
    await waitFor(() => expect(asks()).toBe(before + 1));
    await shown();
    expect(asks()).toBe(before + 1);
    // past the stale age, shown again: it asks again
    await act(() => vi.advanceTimersByTimeAsync(PRESENCE_STALE_MS));
    await shown();
    await waitFor(() => expect(asks()).toBe(before + 2));
  });

  it('moves "last seen" on by itself as the minutes pass, with no new frame or ask', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    const bob = server.addUser('Bob Marley');
    const { push } = await signedIn(server, ada.id, '#/people');
    fireEvent.change(await screen.findByTestId('directory-search'), { target: { value: 'Bob' } });
    const detail = () => within(screen.getByTestId('person-row')).getByTestId('person-detail').textContent;
    // the search's own presence ask has answered (the fake server's old lastSeenAt)
    await waitFor(() => expect(detail()).toMatch(/^Last seen 18 days ago\b/));
    const lastSeenAt = new Date(Date.now() - 60_000).toISOString();
    await push(eventFrame(PresenceChanged, { userId: bob.id, status: 'offline', lastSeenAt, changedAt: lastSeenAt }));
    await waitFor(() => expect(detail()).toMatch(/^Last seen 1 minute ago\b/));
    const asks = server.calls.length;

    await act(() => vi.advanceTimersByTimeAsync(10 * 60_000));

    await waitFor(() => expect(detail()).toMatch(/^Last seen 11 minutes ago\b/));
    expect(server.calls.length).toBe(asks);
  });
});
