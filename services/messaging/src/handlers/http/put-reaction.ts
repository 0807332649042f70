import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { react } from '../../domain/message-changes.ts';
import { publishing } from '../../wiring/publishing.ts';
import { errorStatus } from './errors.ts';
import { ReactionPath } from './schemas.ts';

export const handler = httpHandler({ path: ReactionPath, errors: errorStatus }).handler(async (event) => {
  const message = await react(publishing(), {
    callerId: userIdOf(event),
    conversationId: event.pathParameters.id,
    messageId: event.pathParameters.messageId,
    emoji: event.pathParameters.emoji,
    action: 'add',
  });
  return ok({ message });
});
