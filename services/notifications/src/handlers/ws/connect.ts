import { authOf } from '@parley/lambda/auth-context';
import { accepted, headerOf, originAllowed, wsHandler } from '@parley/lambda/ws';
import { config } from '../../config.ts';
import { connect } from '../../domain/connections.ts';
import { OriginNotAllowed } from '../../domain/errors.ts';
import { connecting } from '../../wiring/gateway.ts';
import { errorStatus } from '../http/errors.ts';

/**
 * `$connect` (after the token authorizer): Origin allowlist, then the connection is recorded (the user's
 * oldest is closed past the per-user limit). A non-2xx refuses the handshake.
 */
export const handler = wsHandler({ errors: errorStatus }).handler(async (event) => {
  const origin = headerOf(event, 'origin');
  if (!originAllowed(origin, config.ALLOWED_ORIGINS, config.ALLOW_MISSING_ORIGIN)) throw new OriginNotAllowed(origin);
  const { userId, sessionId } = authOf(event);
  await connect(connecting(), {
    userId,
    connectionId: event.connectionId,
    ttlSeconds: config.CONNECTION_TTL_SECONDS,
    ...(sessionId ? { sessionId } : {}),
  });
  return accepted();
});
