import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { answerCall } from '../../domain/calls.ts';
import { calling } from '../../wiring/calls.ts';
import { errorStatus } from './errors.ts';
import { AnswerCallBody, CallPath } from './schemas.ts';

export const handler = httpHandler({ path: CallPath, body: AnswerCallBody, errors: errorStatus }).handler(
  async (event) => {
    const media = event.body?.media;
    const answered = await answerCall(calling(), {
      userId: userIdOf(event),
      callId: event.pathParameters.callId,
      ...(media ? { media } : {}),
    });
    return ok(answered);
  },
);
