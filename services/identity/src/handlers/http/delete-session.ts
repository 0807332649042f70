import { Id } from '@parley/events/ids';
import { authOf } from '@parley/lambda/auth-context';

import { httpHandler, noContent } from '@parley/lambda/http';
import * as z from 'zod';
import { revokeSession } from '../../domain/sessions.ts';
import { sessions } from '../../wiring/publishing.ts';
import { errorStatus } from './errors.ts';

export const handler = httpHandler({ path: z.object({ sessionId: Id }), errors: errorStatus }).handler(
  async (event) => {
    await revokeSession(sessions(), {
      userId: authOf(event).userId,
      sessionId: event.pathParameters.sessionId,
    });
    return noContent();
  },
);
