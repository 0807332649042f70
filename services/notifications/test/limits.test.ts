import { describe, expect, it } from 'vitest';
import { connect, MAX_CONNECTIONS_PER_USER } from '../src/domain/connections.ts';
import { sendToUsers } from '../src/domain/fan-out.ts';
import { relayTyping, TYPING_COOLDOWN_MS } from '../src/domain/relay.ts';
import { world } from './fakes.ts';

const TTL = 7800;

async function liveIds(w: ReturnType<typeof world>, userId: string): Promise<string[]> {
  const record = (await w.connections.getMany([userId], w.clock.now())).get(userId);
  return (record?.connections ?? []).map((c) => c.connectionId).sort();
}

describe('open sockets per user', () => {
  it('given a user at the limit, when one more socket connects, then the oldest is closed and forgotten and the new one kept', async () => {
    // Prepare: MAX sockets, one a second
    const w = world();
    for (let i = 0; i < MAX_CONNECTIONS_PER_USER; i += 1) {
      await connect(w, { userId: 'ana', connectionId: `a-${i}`, ttlSeconds: TTL });
      w.clock.advance(1_000);
    }
    expect(w.gateway.closed).toEqual([]);
    // Act
    const result = await connect(w, { userId: 'ana', connectionId: 'a-new', ttlSeconds: TTL });
    // Assess
    expect(result.dropped).toEqual(['a-0']);
    expect(w.gateway.closed).toEqual(['a-0']);
    const live = await liveIds(w, 'ana');
    expect(live).toHaveLength(MAX_CONNECTIONS_PER_USER);
    expect(live).toContain('a-new');
    expect(live).not.toContain('a-0');
  });

  it('given 200 sockets opened in the same millisecond, when a frame is sent to the user, then it is posted at most MAX times', async () => {
    const w = world({ conversations: { c1: ['ana', 'ben'] } });
    for (let i = 0; i < 200; i += 1)
      await connect(w, { userId: 'ana', connectionId: `a-${String(i).padStart(3, '0')}`, ttlSeconds: TTL });

    const result = await sendToUsers(w, ['ana'], '{}');

    expect(result.sent).toBe(MAX_CONNECTIONS_PER_USER);
    expect(w.gateway.closed).toHaveLength(200 - MAX_CONNECTIONS_PER_USER);
    expect(await liveIds(w, 'ana')).toContain('a-199');
    expect(w.publisher.presence.map((p) => p.data.status)).toEqual(['online']); // the user never went offline
  });

  it('given expired entries, when the user connects, then only live connections count towards the limit', async () => {
    const w = world();
    for (let i = 0; i < MAX_CONNECTIONS_PER_USER; i += 1)
      await connect(w, { userId: 'ana', connectionId: `old-${i}`, ttlSeconds: 60 });
    w.clock.advance(61_000);

    await connect(w, { userId: 'ana', connectionId: 'fresh', ttlSeconds: TTL });

    expect(w.gateway.closed).toEqual([]);
  });

  it('given a close that fails, when the oldest is dropped, then it is forgotten anyway and the new socket is kept', async () => {
    const w = world();
    w.gateway.close = async () => {
      throw new Error('throttled');
    };
    for (let i = 0; i <= MAX_CONNECTIONS_PER_USER; i += 1) {
      await connect(w, { userId: 'ana', connectionId: `a-${String(i).padStart(2, '0')}`, ttlSeconds: TTL });
      w.clock.advance(10);
    }

    const live = await liveIds(w, 'ana');
    expect(live).toHaveLength(MAX_CONNECTIONS_PER_USER);
    expect(live).not.toContain('a-00');
  });
});

describe('typing cooldown', () => {
  async function online(w: ReturnType<typeof world>, ...users: string[]) {
    for (const userId of users) await connect(w, { userId, connectionId: `${userId}-conn`, ttlSeconds: TTL });
  }

  it('given 50 typing actions in a burst, when relayed, then the others get one frame', async () => {
    const w = world({ conversations: { c1: ['ana', 'ben'] } });
    await online(w, 'ana', 'ben');

    for (let i = 0; i < 50; i += 1) {
      await relayTyping(w, { userId: 'ana', conversationId: 'c1' });
      w.clock.advance(20);
    }

    expect(w.gateway.posts.map((p) => p.connectionId)).toEqual(['ben-conn']);
  });

  it('given a typing relayed, when the cooldown has passed, then the next one is relayed again', async () => {
    const w = world({ conversations: { c1: ['ana', 'ben'] } });
    await online(w, 'ana', 'ben');
    await relayTyping(w, { userId: 'ana', conversationId: 'c1' });

    w.clock.advance(TYPING_COOLDOWN_MS - 1);
    await relayTyping(w, { userId: 'ana', conversationId: 'c1' });
    w.clock.advance(1);
    await relayTyping(w, { userId: 'ana', conversationId: 'c1' });

    expect(w.gateway.posts).toHaveLength(2);
  });

  it('given a cooldown on one conversation, when the user types in another or someone else types, then those are relayed', async () => {
    const w = world({ conversations: { c1: ['ana', 'ben'], c2: ['ana', 'ben'] } });
    await online(w, 'ana', 'ben');

    await relayTyping(w, { userId: 'ana', conversationId: 'c1' });
    await relayTyping(w, { userId: 'ana', conversationId: 'c2' });
    await relayTyping(w, { userId: 'ben', conversationId: 'c1' });

    expect(w.gateway.posts.map((p) => p.connectionId).sort()).toEqual(['ana-conn', 'ben-conn', 'ben-conn']);
  });

  it('given a non-member, when they type repeatedly, then every attempt is refused (the cooldown never hides the refusal)', async () => {
    const w = world({ conversations: { c1: ['ana', 'ben'] } });
    await online(w, 'ana', 'ben', 'eve');

    for (let i = 0; i < 3; i += 1)
      await expect(relayTyping(w, { userId: 'eve', conversationId: 'c1' })).rejects.toMatchObject({
        name: 'NotAMember',
      });
    expect(w.gateway.posts).toHaveLength(0);
  });
});
