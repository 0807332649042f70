import { userIdOf } from '@parley/lambda/auth-context';
import { created, httpHandler, ok } from '@parley/lambda/http';
import { createConversation } from '../../domain/conversations.ts';
import { startTextConversation } from '../../domain/texting.ts';
import { publishing } from '../../wiring/publishing.ts';
import { errorStatus } from './errors.ts';
import { CreateConversationBody } from './schemas.ts';

export const handler = httpHandler({ body: CreateConversationBody, errors: errorStatus }).handler(async (event) => {
  const body = event.body;
  const result =
    'phoneNumber' in body
      ? await startTextConversation(publishing(), { callerId: userIdOf(event), ...body })
      : await createConversation(publishing(), { callerId: userIdOf(event), ...body });
  // An existing direct conversation is returned, not duplicated: 200 instead of 201.
  return result.created ? created({ conversation: result.conversation }) : ok({ conversation: result.conversation });
});
