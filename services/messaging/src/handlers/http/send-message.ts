import { userIdOf } from '@parley/lambda/auth-context';
import { created, httpHandler, ok } from '@parley/lambda/http';
import { sendMessage } from '../../domain/send-message.ts';
import { files } from '../../wiring/files.ts';
import { publishing } from '../../wiring/publishing.ts';
import { errorStatus } from './errors.ts';
import { withRetryAfter } from './retry-after.ts';
import { ConversationPath, SendMessageBody } from './schemas.ts';

export const handler = httpHandler({ path: ConversationPath, body: SendMessageBody, errors: errorStatus }).handler(
  async (event) => {
    const { message, created: isNew } = await sendMessage(
      { ...publishing(), ...files() },
      {
        senderId: userIdOf(event),
        conversationId: event.pathParameters.id,
        ...event.body,
      },
    ).catch(withRetryAfter);
    // The same clientMessageId again: the original message, 200, never a second one.
    return isNew ? created({ message }) : ok({ message });
  },
);
