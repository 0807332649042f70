import { authOf } from '@parley/lambda/auth-context';
import { accepted, wsHandler } from '@parley/lambda/ws';
import { disconnect } from '../../domain/connections.ts';
import { presence } from '../../wiring/index.ts';
import { errorStatus } from '../http/errors.ts';

/** `$disconnect`: forgets the connection; the user goes offline with their last one. */
export const handler = wsHandler({ errors: errorStatus }).handler(async (event) => {
  const { userId } = authOf(event);
  await disconnect(presence(), { userId, connectionId: event.connectionId });
  return accepted();
});
