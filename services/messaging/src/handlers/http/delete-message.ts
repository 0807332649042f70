import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { deleteMessage } from '../../domain/message-changes.ts';
import { files } from '../../wiring/files.ts';
import { publishing } from '../../wiring/publishing.ts';
import { errorStatus } from './errors.ts';
import { MessagePath } from './schemas.ts';

export const handler = httpHandler({ path: MessagePath, errors: errorStatus }).handler(async (event) => {
  const message = await deleteMessage(
    { ...publishing(), ...files() },
    {
      callerId: userIdOf(event),
      conversationId: event.pathParameters.id,
      messageId: event.pathParameters.messageId,
    },
  );
  // The tombstone: same id and seq, no text.
  return ok({ message });
});
