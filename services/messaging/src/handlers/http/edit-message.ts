import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { editMessage } from '../../domain/message-changes.ts';
import { publishing } from '../../wiring/publishing.ts';
import { errorStatus } from './errors.ts';
import { EditMessageBody, MessagePath } from './schemas.ts';

export const handler = httpHandler({ path: MessagePath, body: EditMessageBody, errors: errorStatus }).handler(
  async (event) => {
    const message = await editMessage(publishing(), {
      callerId: userIdOf(event),
      conversationId: event.pathParameters.id,
      messageId: event.pathParameters.messageId,
      text: event.body.text,
    });
    return ok({ message });
  },
);
