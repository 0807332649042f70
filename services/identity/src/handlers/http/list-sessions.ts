import { authOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { listSessions } from '../../domain/sessions.ts';
import { sessions } from '../../wiring/publishing.ts';
import { errorStatus } from './errors.ts';

export const handler = httpHandler({ errors: errorStatus }).handler(async (event) => {
  const { userId, sessionId } = authOf(event);
  const items = await listSessions(sessions(), {
    userId,
    ...(sessionId ? { currentSessionId: sessionId } : {}),
  });
  return ok({ items });
});
