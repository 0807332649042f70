import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { listMessages } from '../../domain/history.ts';
import { core } from '../../wiring/index.ts';
import { errorStatus } from './errors.ts';
import { ConversationPath, ListMessagesQuery } from './schemas.ts';

export const handler = httpHandler({ path: ConversationPath, query: ListMessagesQuery, errors: errorStatus }).handler(
  async (event) => {
    const { afterSeq, beforeSeq, limit } = event.queryStringParameters;
    const page = await listMessages(core(), {
      callerId: userIdOf(event),
      conversationId: event.pathParameters.id,
      limit,
      ...(afterSeq !== undefined ? { afterSeq } : {}),
      ...(beforeSeq !== undefined ? { beforeSeq } : {}),
    });
    return ok(page);
  },
);
