import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, noContent } from '@parley/lambda/http';
import { removeMember } from '../../domain/members.ts';
import { publishing } from '../../wiring/publishing.ts';
import { errorStatus } from './errors.ts';
import { MemberPath } from './schemas.ts';

export const handler = httpHandler({ path: MemberPath, errors: errorStatus }).handler(async (event) => {
  await removeMember(publishing(), {
    callerId: userIdOf(event),
    conversationId: event.pathParameters.id,
    userId: event.pathParameters.userId,
  });
  return noContent();
});
