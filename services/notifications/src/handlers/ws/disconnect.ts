import { authOf } from '@parley/lambda/auth-context';
import { accepted, wsHandler } from '@parley/lambda/ws';
import { disconnect } from '../../domain/connections.ts';
import { wiring } from '../../wiring.ts';

/** `$disconnect`: forgets the connection; the user goes offline with their last one. */
export const handler = wsHandler().handler(async (event) => {
  const { userId } = authOf(event);
  await disconnect(wiring.presence(), { userId, connectionId: event.connectionId });
  return accepted();
});
