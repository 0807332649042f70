import { CallEnded } from '@parley/events/calling';
import { describe, expect, it } from 'vitest';
import { answerCall, startCall } from '../src/domain/calls.ts';
import { onMeetingStateChange } from '../src/domain/meeting-events.ts';
import { memoryDeps } from './memory.ts';

const users = [
  { userId: 'u-ana', displayName: 'Ana' },
  { userId: 'u-bea', displayName: 'Bea' },
];

async function liveCall(answer: boolean) {
  const deps = memoryDeps(users);
  const { call } = await startCall(deps, { callerId: 'u-ana', calleeId: 'u-bea', media: 'audio' });
  if (answer) await answerCall(deps, { userId: 'u-bea', callId: call.id });
  const meetingId = (await deps.calls.get(call.id))?.meetingId as string;
  const event = (eventType: string, timestamp: number, externalUserId?: string) =>
    onMeetingStateChange(deps, {
      eventType,
      meetingId,
      timestamp,
      externalMeetingId: call.id,
      ...(externalUserId ? { externalUserId } : {}),
    });
  const state = async () => (await deps.calls.get(call.id))?.state;
  return { deps, call, event, state };
}

describe("Chime's meeting events", () => {
  it('given an active call, when its meeting ends, then the call is completed; a ringing one fails', async () => {
    const active = await liveCall(true);
    const ringing = await liveCall(false);

    expect(await active.event('chime:MeetingEnded', 1)).toBe('completed');
    expect(await ringing.event('chime:MeetingEnded', 1)).toBe('failed');

    expect((await active.deps.calls.get(active.call.id))?.endReason).toBe('completed');
    expect((await ringing.deps.calls.get(ringing.call.id))?.endReason).toBe('failed');
    expect(active.deps.events.of(CallEnded).map((e) => e.audience)).toEqual([['u-ana', 'u-bea']]);
  });

  it('given both joined an active call, when one leaves, then it goes on; when both have left, then it is completed', async () => {
    const { event, state } = await liveCall(true);
    await event('chime:AttendeeJoined', 1, 'u-ana');
    await event('chime:AttendeeJoined', 2, 'u-bea');

    expect(await event('chime:AttendeeLeft', 3, 'u-ana')).toBe('left');
    expect(await state()).toBe('active');
    expect(await event('chime:AttendeeLeft', 4, 'u-bea')).toBe('completed');

    expect(await state()).toBe('ended');
  });

  it('given the events arrive out of order, when a join older than a leave comes last, then it is ignored and the call still ends', async () => {
    const { event, state } = await liveCall(true);
    await event('chime:AttendeeJoined', 1, 'u-ana');
    await event('chime:AttendeeLeft', 4, 'u-bea');

    expect(await event('chime:AttendeeJoined', 2, 'u-bea')).toBe('stale');
    expect(await event('chime:AttendeeLeft', 3, 'u-ana')).toBe('completed');

    expect(await state()).toBe('ended');
  });

  it('given only the caller has joined, when they drop and rejoin, then the call is not ended', async () => {
    const { event, state } = await liveCall(true);
    await event('chime:AttendeeJoined', 1, 'u-ana');

    await event('chime:AttendeeLeft', 2, 'u-ana');
    await event('chime:AttendeeJoined', 3, 'u-ana');

    expect(await state()).toBe('active');
  });

  it('given events about another meeting, a stranger, or a call already ended, then nothing changes', async () => {
    const { deps, call, event } = await liveCall(true);

    expect(
      await onMeetingStateChange(deps, {
        eventType: 'chime:MeetingEnded',
        meetingId: 'other',
        timestamp: 1,
        externalMeetingId: call.id,
      }),
    ).toBe('no live call');
    expect(await onMeetingStateChange(deps, { eventType: 'chime:MeetingEnded', meetingId: 'x', timestamp: 1 })).toBe(
      'not a call',
    );
    expect(await event('chime:AttendeeJoined', 1, 'u-eve')).toBe('not a participant');
    await event('chime:MeetingEnded', 2);
    const published = deps.events.published.length;
    expect(await event('chime:MeetingEnded', 3)).toBe('no live call');
    expect(deps.events.published).toHaveLength(published);
  });
});
