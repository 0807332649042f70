import { authOf } from '@parley/lambda/auth-context';
import { accepted, headerOf, originAllowed, wsHandler } from '@parley/lambda/ws';
import { connect } from '../../domain/connections.ts';
import { errorStatus, OriginNotAllowed } from '../../domain/errors.ts';
import { wiring } from '../../wiring.ts';

/** `$connect` (after the token authorizer): Origin allowlist, then the connection is recorded. A non-2xx refuses the handshake. */
export const handler = wsHandler({ errors: errorStatus }).handler(async (event) => {
  const origin = headerOf(event, 'origin');
  if (!originAllowed(origin, wiring.config.ALLOWED_ORIGINS, wiring.config.ALLOW_MISSING_ORIGIN))
    throw new OriginNotAllowed(origin);
  const { userId, sessionId } = authOf(event);
  await connect(wiring.presence(), {
    userId,
    connectionId: event.connectionId,
    ttlSeconds: wiring.config.CONNECTION_TTL_SECONDS,
    ...(sessionId ? { sessionId } : {}),
  });
  return accepted();
});
