import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { acceptConversation } from '../../domain/request-answers.ts';
import { publishing } from '../../wiring/publishing.ts';
import { errorStatus } from './errors.ts';
import { ConversationPath } from './schemas.ts';

export const handler = httpHandler({ path: ConversationPath, errors: errorStatus }).handler(async (event) => {
  const conversation = await acceptConversation(publishing(), {
    callerId: userIdOf(event),
    conversationId: event.pathParameters.id,
  });
  return ok({ conversation });
});
