import { VoicemailLeft } from '@parley/events/calling';
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

const context = lambdaContext({ functionName: 'parley-notifications-test-onVoicemail' });
const left = (eventId: string) =>
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
  ) as RawBusEvent;

describe('onVoicemail (calling.VoicemailLeft → the voicemail SMS)', () => {
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
    ({ handler } = await import('../src/handlers/events/on-voicemail-left.ts'));
  });
  beforeEach(() => {
    deps = world();
    idempotency = memoryIdempotencyStore();
  });

  it('given the owner has a mobile number, when a voicemail is left (delivered twice), then one SMS names the caller, not the message', async () => {
    await handler(left('e-1'), context);
    await handler(left('e-1'), context);

    expect(deps.sms.sent).toEqual([
      { phoneNumber: '+41791234567', text: 'Parley: +41446681800 left you a voicemail. Open Parley to listen.' },
    ]);
  });

  it('given the owner turned voicemail SMS off, when a voicemail is left, then no SMS', async () => {
    await deps.preferences.put('u-bea', {
      smsOnMissedCall: true,
      smsOnVoicemail: false,
      smsOnMessageWhenOffline: false,
      offlineDelayMinutes: 10,
    });

    await handler(left('e-2'), context);

    expect(deps.sms.sent).toEqual([]);
  });
});
