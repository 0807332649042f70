import { parseServerFrame } from '@parley/realtime/frames';
import { describe, expect, it } from 'vitest';
import { announceProfile } from '../src/domain/profiles.ts';
import { world } from './fakes.ts';

async function online(w: ReturnType<typeof world>, ...users: string[]) {
  for (const userId of users) {
    const expiresAt = Math.floor(w.clock.now().getTime() / 1000) + 7200;
    await w.connections.add(userId, { connectionId: `${userId}-conn`, expiresAt }, w.clock.now());
  }
}

const change = (changed: string[]) => ({
  eventId: 'ev-1',
  occurredAt: '2026-12-02T10:00:00.000Z',
  userId: 'ana',
  displayName: 'Ana María',
  statusMessage: 'In Zurich',
  changed,
});

describe('live profile changes', () => {
  it('given a rename, when announced, then co-members and people who added her get public fields only, never a blocked person or a stranger', async () => {
    const w = world({
      conversations: { c1: ['ana', 'ben'], g1: ['ana', 'cleo', 'dan'] },
      contacts: [['eve', 'ana']],
      blocks: [['ana', 'dan']],
    });
    await online(w, 'ana', 'ben', 'cleo', 'dan', 'eve', 'fay');

    await announceProfile(w, change(['displayName', 'mobileNumber']));

    expect(w.gateway.posts.map((p) => p.connectionId).sort()).toEqual(['ben-conn', 'cleo-conn', 'eve-conn']);
    const frame = parseServerFrame(w.gateway.posts[0]?.payload ?? '');
    expect(frame).toMatchObject({
      id: 'ev-1',
      type: 'profile',
      data: { userId: 'ana', displayName: 'Ana María', statusMessage: 'In Zurich', changed: ['displayName'] },
    });
  });

  it('given only private fields changed, when announced, then nobody is told', async () => {
    const w = world({ conversations: { c1: ['ana', 'ben'] } });
    await online(w, 'ben');
    await announceProfile(w, change(['mobileNumber', 'locale']));
    expect(w.gateway.posts).toEqual([]);
  });
});
