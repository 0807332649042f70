import { Id } from '@parley/events/ids';
import { authOf } from '@parley/lambda/auth-context';

import { httpHandler, noContent } from '@parley/lambda/http';
import { z } from 'zod';
import { identityErrors } from '../../domain/errors.ts';
import { revokeSession } from '../../domain/sessions.ts';
import { wiring } from '../../wiring.ts';

export const handler = httpHandler({ path: z.object({ sessionId: Id }), errors: identityErrors }).handler(
  async (event) => {
    await revokeSession(wiring.sessions(), {
      userId: authOf(event).userId,
      sessionId: event.pathParameters.sessionId,
    });
    return noContent();
  },
);
