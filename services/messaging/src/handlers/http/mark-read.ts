import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { errorStatus } from '../../domain/errors.ts';
import { markRead } from '../../domain/read-markers.ts';
import { publishing } from '../../wiring-publishing.ts';
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
