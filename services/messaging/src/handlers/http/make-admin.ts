import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { makeAdmin } from '../../domain/group-admin.ts';
import { publishing } from '../../wiring/publishing.ts';
import { errorStatus } from './errors.ts';
import { MemberPath } from './schemas.ts';

export const handler = httpHandler({ path: MemberPath, errors: errorStatus }).handler(async (event) => {
  const conversation = await makeAdmin(publishing(), {
    callerId: userIdOf(event),
    conversationId: event.pathParameters.id,
    userId: event.pathParameters.userId,
  });
  return ok({ conversation });
});
