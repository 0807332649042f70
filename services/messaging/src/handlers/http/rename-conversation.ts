import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { renameConversation } from '../../domain/group-admin.ts';
import { publishing } from '../../wiring/publishing.ts';
import { errorStatus } from './errors.ts';
import { ConversationPath, RenameConversationBody } from './schemas.ts';

export const handler = httpHandler({
  path: ConversationPath,
  body: RenameConversationBody,
  errors: errorStatus,
}).handler(async (event) => {
  const conversation = await renameConversation(publishing(), {
    callerId: userIdOf(event),
    conversationId: event.pathParameters.id,
    title: event.body.title,
  });
  return ok({ conversation });
});
