import { parseServerFrame } from '@parley/realtime/frames';
import { describe, expect, it } from 'vitest';
import { relaySignal, relayTyping, SIGNAL_LIMIT } from '../src/domain/relay.ts';
import { world } from './fakes.ts';

async function online(w: ReturnType<typeof world>, ...users: string[]) {
  for (const userId of users) {
    const expiresAt = Math.floor(w.clock.now().getTime() / 1000) + 7200;
    await w.connections.add(userId, { connectionId: `${userId}-conn`, expiresAt }, w.clock.now());
  }
}

const recipients = (w: ReturnType<typeof world>) => w.gateway.posts.map((p) => p.connectionId).sort();

describe('typing', () => {
  it('given a group, when a member types, then the other members hear it and nobody else does', async () => {
    // Prepare
    const w = world({ conversations: { c1: ['ana', 'ben', 'cleo'], c2: ['ana', 'dan'] } });
    await online(w, 'ana', 'ben', 'cleo', 'dan', 'eve');
    // Act
    await relayTyping(w, { userId: 'ana', conversationId: 'c1' });
    // Assess
    expect(recipients(w)).toEqual(['ben-conn', 'cleo-conn']);
    expect(parseServerFrame(w.gateway.posts[0]?.payload ?? '')).toMatchObject({
      type: 'typing',
      data: { conversationId: 'c1', userId: 'ana' },
    });
  });

  it('given someone outside the conversation, when they announce typing in it, then it is refused and no frame goes out', async () => {
    const w = world({ conversations: { c1: ['ana', 'ben'] } });
    await online(w, 'ana', 'ben', 'eve');

    await expect(relayTyping(w, { userId: 'eve', conversationId: 'c1' })).rejects.toMatchObject({ name: 'NotAMember' });
    await expect(relayTyping(w, { userId: 'eve', conversationId: 'unknown' })).rejects.toMatchObject({
      name: 'NotAMember',
    });
    expect(w.gateway.posts).toHaveLength(0);
  });

  it('given a group with a block, when the blocked person types, then the blocker does not hear it and the others do', async () => {
    const w = world({ conversations: { c1: ['ana', 'ben', 'cleo'] }, blocks: [['cleo', 'ana']] });
    await online(w, 'ana', 'ben', 'cleo');

    await relayTyping(w, { userId: 'ana', conversationId: 'c1' });

    expect(recipients(w)).toEqual(['ben-conn']);
  });

  it('given a member removed by MembersChanged, when the others type, then the removed member no longer hears it', async () => {
    const w = world({ conversations: { c1: ['ana', 'ben', 'cleo'] } });
    await online(w, 'ana', 'ben', 'cleo');
    await w.membership.replaceMembers('c1', ['ana', 'ben'], '1');

    await relayTyping(w, { userId: 'ana', conversationId: 'c1' });

    expect(recipients(w)).toEqual(['ben-conn']);
  });
});

describe('signal', () => {
  it('given two people in the same call, when one signals the other, then every connection of the callee gets the payload', async () => {
    const w = world();
    await online(w, 'ana', 'ben');
    await w.connections.add('ben', { connectionId: 'ben-phone', expiresAt: 9_999_999_999 }, w.clock.now());
    await w.calls.addParticipants('call-1', ['ana', 'ben']);

    await relaySignal(w, { userId: 'ana', callId: 'call-1', to: 'ben', payload: { sdp: 'v=0' } });

    expect(recipients(w)).toEqual(['ben-conn', 'ben-phone']);
    expect(parseServerFrame(w.gateway.posts[0]?.payload ?? '')).toMatchObject({
      type: 'signal',
      data: { callId: 'call-1', from: 'ana', payload: { sdp: 'v=0' } },
    });
  });

  it('given a stranger (no shared call or conversation), when they signal someone, then it is refused', async () => {
    const w = world({ conversations: { c1: ['ana', 'ben'] } });
    await online(w, 'ana', 'ben', 'eve');
    await w.calls.addParticipants('call-1', ['ana', 'ben']);

    await expect(relaySignal(w, { userId: 'eve', callId: 'call-1', to: 'ben', payload: {} })).rejects.toMatchObject({
      name: 'SignalNotAllowed',
    });
    await expect(relaySignal(w, { userId: 'ana', callId: 'call-1', to: 'ana', payload: {} })).rejects.toMatchObject({
      name: 'SignalNotAllowed',
    });
    expect(w.gateway.posts).toHaveLength(0);
  });

  it('given people who share a conversation but no call, or whose call ended, or a block, when one signals, then it is refused', async () => {
    const w = world({ conversations: { c1: ['ana', 'ben', 'cleo'] }, blocks: [['cleo', 'ana']] });
    await online(w, 'ana', 'ben', 'cleo');
    const refused = { name: 'SignalNotAllowed' };
    // a shared conversation is no call
    await expect(relaySignal(w, { userId: 'ana', callId: 'call-9', to: 'ben', payload: {} })).rejects.toMatchObject(
      refused,
    );
    // a call with a block between them
    await w.calls.addParticipants('call-2', ['ana', 'cleo']);
    await expect(relaySignal(w, { userId: 'ana', callId: 'call-2', to: 'cleo', payload: {} })).rejects.toMatchObject(
      refused,
    );
    // a call that ended, even if a late event names its people again
    await w.calls.addParticipants('call-1', ['ana', 'ben']);
    await w.calls.end('call-1');
    await w.calls.addParticipants('call-1', ['ana', 'ben']);
    await expect(relaySignal(w, { userId: 'ana', callId: 'call-1', to: 'ben', payload: {} })).rejects.toMatchObject(
      refused,
    );
    expect(w.gateway.posts).toHaveLength(0);
  });

  it('given a callee with no live connection, when signalled, then the caller is told the recipient is offline', async () => {
    const w = world({ conversations: { c1: ['ana', 'ben'] } });
    await online(w, 'ana');
    await w.calls.addParticipants('call-1', ['ana', 'ben']);

    await expect(relaySignal(w, { userId: 'ana', callId: 'call-1', to: 'ben', payload: {} })).rejects.toMatchObject({
      name: 'RecipientOffline',
    });
  });

  it('given a payload over 16 KB, when signalled, then it is refused as too large', async () => {
    const w = world({ conversations: { c1: ['ana', 'ben'] } });
    await online(w, 'ana', 'ben');

    await expect(
      relaySignal(w, { userId: 'ana', callId: 'call-1', to: 'ben', payload: 'x'.repeat(17_000) }),
    ).rejects.toMatchObject({
      name: 'PayloadTooLarge',
    });
  });

  it('given a flood of signals, when the window allowance is used up, then further signals are refused until the next window', async () => {
    const w = world({ conversations: { c1: ['ana', 'ben'] } });
    await online(w, 'ana', 'ben');
    await w.calls.addParticipants('call-1', ['ana', 'ben']);
    for (let i = 0; i < SIGNAL_LIMIT.perWindow; i += 1)
      await relaySignal(w, { userId: 'ana', callId: 'call-1', to: 'ben', payload: { i } });

    await expect(relaySignal(w, { userId: 'ana', callId: 'call-1', to: 'ben', payload: {} })).rejects.toMatchObject({
      name: 'RateLimited',
    });
    w.clock.advance(SIGNAL_LIMIT.windowSeconds * 1000);
    await expect(relaySignal(w, { userId: 'ana', callId: 'call-1', to: 'ben', payload: {} })).resolves.toMatchObject({
      sent: 1,
    });
  });
});
