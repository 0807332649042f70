import { SessionRevoked } from '@parley/events/identity';
import { eventHandler } from '@parley/lambda/events';
import { closeSession } from '../../domain/fan-out.ts';
import { wiring } from '../../wiring.ts';

/** identity.SessionRevoked → that session's WebSocket connections are closed. */
export const handler = eventHandler(SessionRevoked, { idempotency: wiring.idempotency }).handler(async ({ data }) => {
  await closeSession(wiring.fanOut(), { userId: data.userId, sessionId: data.sessionId });
});
