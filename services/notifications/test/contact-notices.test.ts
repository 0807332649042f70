import { parseServerFrame } from '@parley/realtime/frames';
import { describe, expect, it } from 'vitest';
import { announceContactAdded } from '../src/domain/contact-notices.ts';
import { world } from './fakes.ts';

async function online(w: ReturnType<typeof world>, ...users: string[]) {
  for (const userId of users) {
    const expiresAt = Math.floor(w.clock.now().getTime() / 1000) + 7200;
    await w.connections.add(userId, { connectionId: `${userId}-conn`, expiresAt }, w.clock.now());
  }
}

const added = {
  eventId: 'ev-7',
  version: 1,
  occurredAt: '2026-12-02T10:00:00.000Z',
  userId: 'ana',
  contactId: 'ben',
  addedAt: '2026-12-02T10:00:00.000Z',
};

describe('telling people they were added as a contact', () => {
  it('given Ana adds Ben, then Ben (only) gets the identity.ContactAdded frame naming Ana', async () => {
    const w = world({});
    await online(w, 'ana', 'ben', 'cleo');
    await announceContactAdded(w, added);
    expect(w.gateway.posts.map((p) => p.connectionId)).toEqual(['ben-conn']);
    expect(parseServerFrame(w.gateway.posts[0]?.payload ?? '')).toMatchObject({
      id: 'ev-7',
      type: 'identity.ContactAdded',
      v: 1,
      data: { userId: 'ana', contactId: 'ben' },
    });
  });

  it.each([
    ['Ben blocked Ana', [['ben', 'ana']]],
    ['Ana blocked Ben', [['ana', 'ben']]],
  ] as const)('given %s, then Ben is not told', async (_case, blocks) => {
    const w = world({ blocks: blocks.map(([a, b]) => [a, b]) });
    await online(w, 'ben');
    await announceContactAdded(w, added);
    expect(w.gateway.posts).toEqual([]);
  });
});
