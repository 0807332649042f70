import { httpHandler, ok } from '@parley/lambda/http';
import { errorStatus } from '../../domain/errors.ts';
import { editMessage } from '../../domain/message-changes.ts';
import { publishing } from '../../wiring-publishing.ts';
import { callerOf } from './caller.ts';
import { EditMessageBody, MessagePath } from './schemas.ts';

export const handler = httpHandler({ path: MessagePath, body: EditMessageBody, errors: errorStatus }).handler(
  async (event) => {
    const message = await editMessage(publishing(), {
      callerId: callerOf(event),
      conversationId: event.pathParameters.id,
      messageId: event.pathParameters.messageId,
      text: event.body.text,
    });
    return ok({ message });
  },
);
