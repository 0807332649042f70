import { CallMissed, VoicemailLeft } from '@parley/events/calling';
import type { RawBusEvent } from '@parley/lambda/events';
import { memoryIdempotencyStore } from '@parley/lambda/idempotency';
import { busEvent } from '@parley/testing/events';
import { lambdaContext } from '@parley/testing/lambda-context';
import type { Context } from 'aws-lambda';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  manualClock,
  memoryOptOuts,
  memoryPreferences,
  memoryProfiles,
  memoryRateLimiter,
  recordingMetrics,
  recordingPublisher,
  recordingSms,
} from './fakes.ts';

type Handler = (event: RawBusEvent, context: Context) => Promise<void>;

/** The two call SMS consumers: the same guard and preferences, each with its own event and text. */
const consumers = [
  {
    name: 'onCallMissed (calling.CallMissed → the missed-call SMS)',
    module: '../src/handlers/events/on-call-missed.ts',
    event: (eventId: string) =>
      busEvent(
        CallMissed,
        { callId: 'c-1', callerId: 'u-ana', callerName: 'Ana', calleeId: 'u-bea', at: '2026-12-01T10:00:30.000Z' },
        { eventId, audience: ['u-bea'] },
      ) as RawBusEvent,
    text: 'Parley: missed call from Ana. Open Parley to call back.',
    optOut: { smsOnMissedCall: false, smsOnVoicemail: true },
  },
  {
    name: 'onVoicemail (calling.VoicemailLeft → the voicemail SMS, never the message)',
    module: '../src/handlers/events/on-voicemail-left.ts',
    event: (eventId: string) =>
      busEvent(
        VoicemailLeft,
        {
          voicemailId: 'c-1',
          callId: 'c-1',
          ownerId: 'u-bea',
          from: '+41446681800',
          callerName: '+41446681800',
          to: '+5072100001',
          durationSeconds: 12,
          receivedAt: '2026-12-01T10:00:30.000Z',
        },
        { eventId, audience: ['u-bea'] },
      ) as RawBusEvent,
    text: 'Parley: +41446681800 left you a voicemail. Open Parley to listen.',
    optOut: { smsOnMissedCall: true, smsOnVoicemail: false },
  },
];

describe.each(consumers)('$name', ({ module, event, text, optOut }) => {
  const context = lambdaContext({ functionName: 'parley-notifications-test-callSms' });
  let handler: Handler;
  let deps = world();
  let idempotency = memoryIdempotencyStore();
  function world(numbers: Record<string, string> = { 'u-bea': '+41791234567' }) {
    return {
      preferences: memoryPreferences(),
      profiles: memoryProfiles(numbers),
      sms: recordingSms(),
      metrics: recordingMetrics(),
      rateLimiter: memoryRateLimiter(),
      optOuts: memoryOptOuts(),
      publisher: recordingPublisher(),
      clock: manualClock(),
    };
  }
  beforeAll(async () => {
    vi.resetModules();
    vi.stubEnv('TABLE_NAME', 'unit-test-table');
    vi.stubEnv('EVENT_BUS_NAME', 'unit-test-bus');
    vi.stubEnv('WEBSOCKET_API_ENDPOINT', 'http://127.0.0.1:4300');
    vi.doMock('../src/wiring/index.ts', async (importOriginal) => ({
      ...(await importOriginal<typeof import('../src/wiring/index.ts')>()),
      idempotency: () => idempotency,
    }));
    vi.doMock('../src/wiring/sms.ts', () => ({ digests: () => deps }));
    ({ handler } = await import(module));
  });
  beforeEach(() => {
    deps = world();
    idempotency = memoryIdempotencyStore();
  });

  it('given the person has a mobile number, when the event is delivered twice, then one SMS names the caller', async () => {
    await handler(event('e-1'), context);
    await handler(event('e-1'), context);

    expect(deps.sms.sent).toEqual([{ phoneNumber: '+41791234567', text }]);
  });

  it('given the person turned this SMS off, when the event is delivered, then no SMS', async () => {
    await deps.preferences.put('u-bea', { ...optOut, smsOnMessageWhenOffline: false, offlineDelayMinutes: 10 });

    await handler(event('e-2'), context);

    expect(deps.sms.sent).toEqual([]);
  });

  it('given the number texted STOP, when the event is delivered, then no SMS and no daily cap is used', async () => {
    await deps.optOuts.apply('+41791234567', 'sms', true, 'STOP', '2026-11-22T09:00:00.000Z');
    const takes = vi.spyOn(deps.rateLimiter, 'tryTake');

    await handler(event('e-3'), context);

    expect(deps.sms.sent).toEqual([]);
    expect(takes).not.toHaveBeenCalled();
  });
});
