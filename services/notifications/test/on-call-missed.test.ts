import { CallMissed } from '@parley/events/calling';
import type { RawBusEvent } from '@parley/lambda/events';
import { memoryIdempotencyStore } from '@parley/lambda/idempotency';
import { busEvent } from '@parley/testing/events';
import { lambdaContext } from '@parley/testing/lambda-context';
import type { Context } from 'aws-lambda';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  manualClock,
  memoryPreferences,
  memoryProfiles,
  memoryRateLimiter,
  recordingMetrics,
  recordingPublisher,
  recordingSms,
} from './fakes.ts';

const context = lambdaContext({ functionName: 'parley-notifications-test-onCallMissed' });
const missed = (eventId: string) =>
  busEvent(
    CallMissed,
    { callId: 'c-1', callerId: 'u-ana', callerName: 'Ana', calleeId: 'u-bea', at: '2026-12-01T10:00:30.000Z' },
    { eventId, audience: ['u-bea'] },
  ) as RawBusEvent;

describe('onCallMissed (calling.CallMissed → the missed-call SMS)', () => {
  let handler: (event: RawBusEvent, context: Context) => Promise<void>;
  let deps = world();
  let idempotency = memoryIdempotencyStore();
  function world(numbers: Record<string, string> = { 'u-bea': '+41791234567' }) {
    return {
      preferences: memoryPreferences(),
      profiles: memoryProfiles(numbers),
      sms: recordingSms(),
      metrics: recordingMetrics(),
      rateLimiter: memoryRateLimiter(),
      publisher: recordingPublisher(),
      clock: manualClock(),
    };
  }
  beforeAll(async () => {
    vi.stubEnv('TABLE_NAME', 'unit-test-table');
    vi.stubEnv('EVENT_BUS_NAME', 'unit-test-bus');
    vi.stubEnv('WEBSOCKET_API_ENDPOINT', 'http://127.0.0.1:4300');
    vi.doMock('../src/wiring/index.ts', async (importOriginal) => ({
      ...(await importOriginal<typeof import('../src/wiring/index.ts')>()),
      idempotency: () => idempotency,
    }));
    vi.doMock('../src/wiring/sms.ts', () => ({ digests: () => deps }));
    ({ handler } = await import('../src/handlers/events/on-call-missed.ts'));
  });
  beforeEach(() => {
    deps = world();
    idempotency = memoryIdempotencyStore();
  });

  it('given the callee has a mobile number, when the call is missed (delivered twice), then one SMS names the caller', async () => {
    await handler(missed('e-1'), context);
    await handler(missed('e-1'), context);

    expect(deps.sms.sent).toEqual([
      { phoneNumber: '+41791234567', text: 'Parley: missed call from Ana. Open Parley to call back.' },
    ]);
  });

  it('given the callee turned missed-call SMS off, when the call is missed, then no SMS', async () => {
    await deps.preferences.put('u-bea', {
      smsOnMissedCall: false,
      smsOnVoicemail: true,
      smsOnMessageWhenOffline: false,
      offlineDelayMinutes: 10,
    });

    await handler(missed('e-2'), context);

    expect(deps.sms.sent).toEqual([]);
  });
});
