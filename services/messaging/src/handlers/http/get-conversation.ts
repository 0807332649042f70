import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { getConversation } from '../../domain/conversations.ts';
import { core } from '../../wiring/index.ts';
import { errorStatus } from './errors.ts';
import { ConversationPath } from './schemas.ts';

export const handler = httpHandler({ path: ConversationPath, errors: errorStatus }).handler(async (event) => {
  const conversation = await getConversation(core(), {
    callerId: userIdOf(event),
    conversationId: event.pathParameters.id,
  });
  return ok({ conversation });
});
