import { authOf } from '@parley/lambda/auth-context';
import { accepted, wsHandler } from '@parley/lambda/ws';
import { MAX_ACTION_BYTES, SignalAction } from '@parley/realtime/frames';
import { relaySignal } from '../../domain/relay.ts';
import { relay } from '../../wiring/gateway.ts';
import { errorStatus } from '../http/errors.ts';
import { errorFrame } from './error-reply.ts';

/** `{"action":"signal","callId","to","payload"}` → a `signal` frame to every live connection of `to`. */
export const handler = wsHandler({
  body: SignalAction,
  errors: errorStatus,
  errorReply: errorFrame,
  maxBodyBytes: MAX_ACTION_BYTES,
}).handler(async (event) => {
  const { callId, to, payload } = event.body;
  await relaySignal(relay(), { userId: authOf(event).userId, callId, to, payload });
  return accepted();
});
