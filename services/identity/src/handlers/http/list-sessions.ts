import { authOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { listSessions } from '../../domain/sessions.ts';
import { wiring } from '../../wiring.ts';

export const handler = httpHandler().handler(async (event) => {
  const { userId, sessionId } = authOf(event);
  const items = await listSessions(wiring.sessions(), {
    userId,
    ...(sessionId ? { currentSessionId: sessionId } : {}),
  });
  return ok({ items });
});
