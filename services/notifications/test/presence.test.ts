import { PRESENCE_PUSH_MAX_MEMBERS } from '@parley/realtime/frames';
import { describe, expect, it } from 'vitest';
import { connect, disconnect } from '../src/domain/connections.ts';
import { getPresence } from '../src/domain/presence.ts';
import { applyContact, applyConversationMembers, projectionVersion } from '../src/domain/projections.ts';
import { world } from './fakes.ts';

const TTL = 7800;

describe('presence', () => {
  it('given a user with peers, when their first connection opens and their last closes, then online and offline are published to the peers', async () => {
    // Prepare: ana shares c1 with ben; ana has cleo as a contact; dan shares nothing
    const w = world({ conversations: { c1: ['ana', 'ben'], c9: ['dan', 'eve'] }, contacts: [['ana', 'cleo']] });
    // Act
    await connect(w, { userId: 'ana', connectionId: 'a-1', ttlSeconds: TTL });
    await connect(w, { userId: 'ana', connectionId: 'a-2', ttlSeconds: TTL });
    await disconnect(w, { userId: 'ana', connectionId: 'a-1' });
    w.clock.advance(60_000);
    await disconnect(w, { userId: 'ana', connectionId: 'a-2' });
    await disconnect(w, { userId: 'ana', connectionId: 'a-2' }); // a repeated $disconnect
    // Assess
    expect(w.publisher.presence.map((p) => p.data.status)).toEqual(['online', 'offline']);
    for (const p of w.publisher.presence) expect([...p.audience].sort()).toEqual(['ben', 'cleo']);
    expect(w.publisher.presence[1]?.data.lastSeenAt).toBe('2026-11-22T10:01:00.000Z');
  });

  it('given a connection that outlived its TTL without a $disconnect, when the user connects again, then they come online again', async () => {
    const w = world({ conversations: { c1: ['ana', 'ben'] } });
    await connect(w, { userId: 'ana', connectionId: 'a-1', ttlSeconds: TTL });
    w.clock.advance((TTL + 1) * 1000);

    await connect(w, { userId: 'ana', connectionId: 'a-2', ttlSeconds: TTL });

    expect(w.publisher.presence.map((p) => p.data.status)).toEqual(['online', 'online']);
  });

  it('given a group larger than the push limit, when a member comes online, then only contacts and small conversations are told, and the big group may still ask', async () => {
    // ana is in a small group with ben, a group one over the limit with everyone else, and has m3 (in the big group) as a contact
    const big = ['ana', ...Array.from({ length: PRESENCE_PUSH_MAX_MEMBERS }, (_, i) => `m${i}`)];
    const atLimit = ['ana', ...Array.from({ length: PRESENCE_PUSH_MAX_MEMBERS - 1 }, (_, i) => `s${i}`)];
    const w = world({ conversations: { small: ['ana', 'ben'], big, atLimit }, contacts: [['ana', 'm3']] });

    await connect(w, { userId: 'ana', connectionId: 'a-1', ttlSeconds: TTL });

    const [online] = w.publisher.presence;
    expect([...(online?.audience ?? [])].sort()).toEqual(['ben', 'm3', ...atLimit.slice(1)].sort());
    // a member of the big group who is no contact is not told, but may ask
    expect(await getPresence(w, { viewerId: 'm7', userIds: ['ana'] })).toMatchObject([
      { userId: 'ana', status: 'online' },
    ]);
  });

  it('given a presence query, when it names strangers, then only self, co-members and people who added the viewer are answered', async () => {
    const w = world({ conversations: { c1: ['ana', 'ben'] }, contacts: [['cleo', 'ana']] });
    await connect(w, { userId: 'ben', connectionId: 'b-1', ttlSeconds: TTL });
    await connect(w, { userId: 'cleo', connectionId: 'c-1', ttlSeconds: TTL });
    await disconnect(w, { userId: 'cleo', connectionId: 'c-1' });
    await connect(w, { userId: 'eve', connectionId: 'e-1', ttlSeconds: TTL });

    const items = await getPresence(w, { viewerId: 'ana', userIds: ['ana', 'ben', 'cleo', 'eve', 'ben'] });

    expect(items).toEqual([
      { userId: 'ana', status: 'offline', lastSeenAt: null },
      { userId: 'ben', status: 'online', lastSeenAt: '2026-11-22T10:00:00.000Z' },
      { userId: 'cleo', status: 'offline', lastSeenAt: '2026-11-22T10:00:00.000Z' },
    ]);
  });

  it("given consent rules, when someone added a person one-sidedly, sent a request, or is blocked, then that person's presence does not reach them", async () => {
    // ana added ben (ben did not add her back); dan sent cleo a request cleo has not accepted;
    // eve shares an accepted group with fay but fay blocked her
    const w = world({
      conversations: { r1: ['dan', 'cleo'], g1: ['eve', 'fay'] },
      pending: { r1: ['cleo'] },
      contacts: [['ana', 'ben']],
      blocks: [['fay', 'eve']],
    });
    for (const u of ['ben', 'cleo', 'fay']) await connect(w, { userId: u, connectionId: `${u}-1`, ttlSeconds: TTL });

    expect(await getPresence(w, { viewerId: 'ana', userIds: ['ben'] })).toEqual([]);
    expect(await getPresence(w, { viewerId: 'dan', userIds: ['cleo'] })).toEqual([]);
    expect(await getPresence(w, { viewerId: 'eve', userIds: ['fay'] })).toEqual([]);
    // the requester's own presence does reach the one they wrote to (dan chose to contact cleo)
    await connect(w, { userId: 'dan', connectionId: 'dan-1', ttlSeconds: TTL });
    expect(await getPresence(w, { viewerId: 'cleo', userIds: ['dan'] })).toMatchObject([{ status: 'online' }]);
    const audiences = Object.fromEntries(w.publisher.presence.map((p) => [p.data.userId, [...p.audience].sort()]));
    expect(audiences).toEqual({ ben: [], cleo: [], fay: [], dan: ['cleo'] });
  });

  it('given membership events out of order, when projected, then the newest member list wins', async () => {
    const w = world();
    await applyConversationMembers(w, {
      conversationId: 'g1',
      memberIds: ['ana', 'ben', 'cleo'],
      version: projectionVersion.ofMembers(2),
    });
    await applyConversationMembers(w, {
      conversationId: 'g1',
      memberIds: ['ana', 'ben'],
      version: projectionVersion.ofMembers(0),
    });

    expect(await w.membership.membersOf('g1')).toEqual(['ana', 'ben', 'cleo']);
    expect(await w.membership.conversationsOf('cleo')).toEqual(['g1']);
  });

  it("given a 100-member group projected, when each member's acceptance arrives, then nobody is linked again", async () => {
    const w = world();
    const members = Array.from({ length: 100 }, (_, i) => `u${i}`);
    const linked: string[] = [];
    const link = w.membership.link.bind(w.membership);
    w.membership.link = async (userIds, conversationId) => {
      linked.push(...userIds);
      await link(userIds, conversationId);
    };
    await applyConversationMembers(w, {
      conversationId: 'g1',
      memberIds: members,
      pendingIds: members.slice(1),
      version: projectionVersion.ofMembers(0),
    });
    for (let n = 1; n < members.length; n++)
      await applyConversationMembers(w, {
        conversationId: 'g1',
        memberIds: members,
        pendingIds: members.slice(n + 1),
        version: projectionVersion.ofMembers(n),
      });
    // one link per member, from the creation: 100 writes where every acceptance used to write 100
    expect(linked.sort()).toEqual([...members].sort());
    expect((await w.membership.membersOfMany(['g1'])).get('g1')?.pendingIds).toEqual([]);
    // and one who joins later is linked when they join
    await applyConversationMembers(w, {
      conversationId: 'g1',
      memberIds: [...members, 'late'],
      version: projectionVersion.ofMembers(100),
    });
    expect(await w.membership.conversationsOf('late')).toEqual(['g1']);
    expect(linked).toHaveLength(101);
  });

  it('given linking fails once, when the event is delivered again, then the new member is linked', async () => {
    const w = world({ conversations: { g1: ['ana', 'ben'] } });
    const link = w.membership.link.bind(w.membership);
    let failures = 1;
    w.membership.link = async (userIds, conversationId) => {
      if (failures-- > 0) throw new Error('throttled');
      await link(userIds, conversationId);
    };
    const event = { conversationId: 'g1', memberIds: ['ana', 'ben', 'cleo'], version: projectionVersion.ofMembers(1) };

    await expect(applyConversationMembers(w, event)).rejects.toThrow('throttled');
    await applyConversationMembers(w, event);

    // (had the members been replaced before linking, the redelivery would have found its version applied)
    expect(await w.membership.conversationsOf('cleo')).toEqual(['g1']);
    expect(await w.membership.membersOf('g1')).toEqual(['ana', 'ben', 'cleo']);
  });

  it('given a contact removed after being added, when projected, then the watcher no longer sees presence', async () => {
    const w = world();
    await applyContact(w, {
      ownerId: 'ana',
      contactId: 'ben',
      active: true,
      version: projectionVersion.byTime('2026-11-22T09:00:00.000Z', 'e1'),
    });
    await applyContact(w, {
      ownerId: 'ana',
      contactId: 'ben',
      active: false,
      version: projectionVersion.byTime('2026-11-22T09:05:00.000Z', 'e2'),
    });
    await connect(w, { userId: 'ben', connectionId: 'b-1', ttlSeconds: TTL });

    expect(await getPresence(w, { viewerId: 'ana', userIds: ['ben'] })).toEqual([]);
    expect(w.publisher.presence[0]?.audience).toEqual([]);
  });
});
