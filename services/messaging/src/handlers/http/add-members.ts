import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { addMembers } from '../../domain/members.ts';
import { publishing } from '../../wiring/publishing.ts';
import { errorStatus } from './errors.ts';
import { AddMembersBody, ConversationPath } from './schemas.ts';

export const handler = httpHandler({ path: ConversationPath, body: AddMembersBody, errors: errorStatus }).handler(
  async (event) => {
    const conversation = await addMembers(publishing(), {
      callerId: userIdOf(event),
      conversationId: event.pathParameters.id,
      userIds: event.body.userIds,
    });
    return ok({ conversation });
  },
);
