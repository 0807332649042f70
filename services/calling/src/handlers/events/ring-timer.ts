import { setTimeout as sleep } from 'node:timers/promises';
import { CallRinging } from '@parley/events/calling';
import { eventHandler } from '@parley/lambda/events';
import { expireCall } from '../../domain/call-end.ts';
import { calling } from '../../wiring/calls.ts';
import { idempotency } from '../../wiring/index.ts';

/**
 * The ring timer (docs/adr/0011): started by the call's own CallRinging, it waits until the call's
 * `ringUntil` and then expires it if it is still ringing (a conditional write: an answered or
 * ended call is left alone). The minute sweep catches a timer that was lost.
 */
export const handler = eventHandler(CallRinging, { idempotency }).handler(async ({ data }) => {
  const wait = Date.parse(data.ringUntil) - calling().clock.now().getTime();
  if (wait > 0) await sleep(wait);
  await expireCall(calling(), { callId: data.callId });
});
