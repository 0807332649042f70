import { CallMissed } from '@parley/events/calling';
import { describe, expect, it } from 'vitest';
import { hangupData, invoke, meetingLeg, phoneLeg, ringAna, ringbackOver, smaEvent, smaWorld } from './sma-fixtures.ts';

describe('the caller hangs up (HANGUP of LEG-A)', () => {
  it('given the call still rings, then it is missed and announced to Ana', async () => {
    const deps = smaWorld();
    const ring = await ringAna(deps);
    deps.clock.advance(8);

    const response = await invoke(
      deps,
      smaEvent('HANGUP', {
        transactionId: ring.transactionId,
        attributes: ring.attributes,
        legs: [phoneLeg({ Status: 'Disconnected' })],
        actionData: hangupData('LEG-A'),
      }),
    );

    expect(response.Actions).toEqual([]);
    expect(response.TransactionAttributes).toMatchObject({ stage: 'done' });
    expect(deps.calls.calls.get(ring.callId)).toMatchObject({ state: 'ended', endReason: 'missed' });
    expect(deps.events.of(CallMissed)).toHaveLength(1);
    expect(deps.meetings.live.size).toBe(0);
    expect(deps.calls.ringing.has(ring.callId)).toBe(false);
  });

  it('given the caller hangs up during the greeting, then the call is announced missed exactly once', async () => {
    const deps = smaWorld();
    const ring = await ringAna(deps);
    const greeting = await ringbackOver(deps, ring);

    const response = await invoke(
      deps,
      smaEvent('HANGUP', {
        transactionId: ring.transactionId,
        attributes: greeting.TransactionAttributes ?? {},
        legs: [phoneLeg({ Status: 'Disconnected' })],
        actionData: hangupData('LEG-A'),
      }),
    );

    expect(response.Actions).toEqual([]);
    expect(deps.events.of(CallMissed).map((e) => e.audience)).toEqual([['u-ana']]);
    expect((await deps.missed.get('u-ana')).unseen).toBe(1);
  });

  it('given an answered call, then it completes at the inbound rate, Ana is charged and the meeting leg is hung up', async () => {
    const deps = smaWorld();
    const ring = await ringAna(deps);
    await deps.calls.transition(ring.callId, 'ringing', { state: 'active', answeredAt: '2026-12-01T10:00:05.000Z' });
    deps.clock.advance(5 + 61); // 61 s talked: PA bills per started minute

    const response = await invoke(
      deps,
      smaEvent('HANGUP', {
        transactionId: ring.transactionId,
        attributes: { ...ring.attributes, stage: 'connected' },
        legs: [phoneLeg({ Status: 'Disconnected' }), meetingLeg()],
        actionData: hangupData('LEG-A'),
      }),
    );

    expect(response.Actions).toEqual([{ Type: 'Hangup', Parameters: { CallId: 'leg-b', SipResponseCode: '0' } }]);
    expect(deps.calls.calls.get(ring.callId)).toMatchObject({
      state: 'ended',
      endReason: 'completed',
      durationSeconds: 61,
      phone: { cost: 0.02 },
    });
    const usage = deps.events.published.filter((p) => p.event.detailType === 'calling.UsageRecorded');
    expect(usage.map((p) => p.data)).toEqual([
      expect.objectContaining({ userId: 'u-ana', feature: 'pstn-in', quantity: 4, unit: 'attendee-minute' }),
      expect.objectContaining({
        userId: 'u-ana',
        feature: 'pstn-in',
        quantity: 120,
        amount: 0.02,
        country: 'PA',
        direction: 'inbound',
      }),
    ]);
  });
});
