import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { markRead } from '../../domain/read-markers.ts';
import { publishing } from '../../wiring/publishing.ts';
import { errorStatus } from './errors.ts';
import { ConversationPath, MarkReadBody } from './schemas.ts';

export const handler = httpHandler({ path: ConversationPath, body: MarkReadBody, errors: errorStatus }).handler(
  async (event) => {
    const read = await markRead(publishing(), {
      callerId: userIdOf(event),
      conversationId: event.pathParameters.id,
      seq: event.body.seq,
    });
    return ok({ read });
  },
);
