import { describe, expect, it } from 'vitest';
import { expireCall } from '../src/domain/call-end.ts';
import { getCall, listCalls, markMissedSeen } from '../src/domain/call-log.ts';
import { hangupCall, startCall } from '../src/domain/calls.ts';
import { getSettings, putSettings } from '../src/domain/settings.ts';
import { memoryDeps } from './memory.ts';

const users = [
  { userId: 'u-ana', displayName: 'Ana' },
  { userId: 'u-bea', displayName: 'Bea' },
  { userId: 'u-cai', displayName: 'Cai' },
];

describe('the call log', () => {
  it('given three calls, when Bea pages through two at a time, then newest first with an opaque cursor to the rest', async () => {
    const deps = memoryDeps(users);
    const ids: string[] = [];
    for (const callerId of ['u-ana', 'u-cai', 'u-ana']) {
      const { call } = await startCall(deps, { callerId, calleeId: 'u-bea', media: 'audio' });
      await hangupCall(deps, { userId: callerId, callId: call.id });
      ids.push(call.id);
      deps.clock.advance(60);
    }

    const first = await listCalls(deps, { userId: 'u-bea', limit: 2 });
    const second = await listCalls(deps, { userId: 'u-bea', limit: 2, before: first.nextBefore as string });

    expect(first.items.map((c) => c.id)).toEqual([ids[2], ids[1]]);
    expect(first.items.every((c) => c.direction === 'incoming')).toBe(true);
    expect(first.nextBefore).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(second.items.map((c) => c.id)).toEqual([ids[0]]);
    expect(second.nextBefore).toBeUndefined();
    expect((await listCalls(deps, { userId: 'u-cai', limit: 10 })).items.map((c) => c.direction)).toEqual(['outgoing']);
  });

  it('given a cursor this API never gave, when listing, then InvalidCursor', async () => {
    const deps = memoryDeps(users);

    await expect(listCalls(deps, { userId: 'u-bea', limit: 2, before: 'not-a-cursor' })).rejects.toMatchObject({
      name: 'InvalidCursor',
    });
  });

  it('given a missed call, when Bea lists, then it is unseen and counted; after marking seen, then seen and 0', async () => {
    const deps = memoryDeps(users);
    const { call } = await startCall(deps, { callerId: 'u-ana', calleeId: 'u-bea', media: 'audio' });
    deps.clock.advance(30);
    await expireCall(deps, { callId: call.id });

    const before = await listCalls(deps, { userId: 'u-bea', limit: 10 });
    deps.clock.advance(1);
    await markMissedSeen(deps, { userId: 'u-bea' });
    const after = await listCalls(deps, { userId: 'u-bea', limit: 10 });

    expect(before.unseenMissedCount).toBe(1);
    expect(before.items[0]).toMatchObject({ endReason: 'missed', seen: false });
    expect(after.unseenMissedCount).toBe(0);
    expect(after.items[0]).toMatchObject({ seen: true });
    expect(await getCall(deps, { userId: 'u-bea', callId: call.id })).toMatchObject({ seen: true });
    // the caller's view of the same call carries no `seen`
    expect(await getCall(deps, { userId: 'u-ana', callId: call.id })).not.toHaveProperty('seen');
  });

  it('given a call between Ana and Bea, when Cai asks for it, then CallNotFound (existence does not leak)', async () => {
    const deps = memoryDeps(users);
    const { call } = await startCall(deps, { callerId: 'u-ana', calleeId: 'u-bea', media: 'audio' });

    await expect(getCall(deps, { userId: 'u-cai', callId: call.id })).rejects.toMatchObject({ name: 'CallNotFound' });
    await expect(getCall(deps, { userId: 'u-cai', callId: 'no-such-call' })).rejects.toMatchObject({
      name: 'CallNotFound',
    });
  });
});

describe('call settings', () => {
  it('given none stored, then the defaults; after a change, then the change, and a number left out is removed', async () => {
    const deps = memoryDeps(users);

    expect(await getSettings(deps, { userId: 'u-bea' })).toEqual({ ringTimeoutSeconds: 30, voicemailEnabled: true });
    await putSettings(deps, {
      userId: 'u-bea',
      settings: { ringTimeoutSeconds: 45, voicemailEnabled: true, forwardToNumber: '+50760001234' },
    });
    expect(await getSettings(deps, { userId: 'u-bea' })).toEqual({
      ringTimeoutSeconds: 45,
      voicemailEnabled: true,
      forwardToNumber: '+50760001234',
    });
    await putSettings(deps, { userId: 'u-bea', settings: { ringTimeoutSeconds: 20, voicemailEnabled: false } });
    expect(await getSettings(deps, { userId: 'u-bea' })).toEqual({ ringTimeoutSeconds: 20, voicemailEnabled: false });
  });
});
