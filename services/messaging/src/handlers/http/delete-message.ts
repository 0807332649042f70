import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { deleteMessage } from '../../domain/message-changes.ts';
import { publishing } from '../../wiring/publishing.ts';
import { errorStatus } from './errors.ts';
import { MessagePath } from './schemas.ts';

export const handler = httpHandler({ path: MessagePath, errors: errorStatus }).handler(async (event) => {
  const message = await deleteMessage(publishing(), {
    callerId: userIdOf(event),
    conversationId: event.pathParameters.id,
    messageId: event.pathParameters.messageId,
  });
  // The tombstone: same id and seq, no text.
  return ok({ message });
});
