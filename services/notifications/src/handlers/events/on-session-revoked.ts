import { SessionRevoked } from '@parley/events/identity';
import { eventHandler } from '@parley/lambda/events';
import { closeSession } from '../../domain/fan-out.ts';
import { fanOut } from '../../wiring/gateway.ts';
import { idempotency } from '../../wiring/index.ts';

/** identity.SessionRevoked → that session's WebSocket connections are closed. */
export const handler = eventHandler(SessionRevoked, { idempotency: idempotency }).handler(async ({ data }) => {
  await closeSession(fanOut(), { userId: data.userId, sessionId: data.sessionId });
});
