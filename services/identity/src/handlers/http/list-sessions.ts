import { httpHandler, ok } from '@parley/lambda/http';
import { listSessions } from '../../domain/sessions.ts';
import { wiring } from '../../wiring.ts';
import { callerOf } from './request-helpers.ts';

export const handler = httpHandler().handler(async (event) => {
  const { userId, sessionId } = callerOf(event);
  const items = await listSessions(wiring.sessions(), {
    userId,
    ...(sessionId ? { currentSessionId: sessionId } : {}),
  });
  return ok({ items });
});
