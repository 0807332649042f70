import { httpHandler, noContent } from '@parley/lambda/http';
import { errorStatus } from '../../domain/errors.ts';
import { removeMember } from '../../domain/members.ts';
import { publishing } from '../../wiring-publishing.ts';
import { callerOf } from './caller.ts';
import { MemberPath } from './schemas.ts';

export const handler = httpHandler({ path: MemberPath, errors: errorStatus }).handler(async (event) => {
  await removeMember(publishing(), {
    callerId: callerOf(event),
    conversationId: event.pathParameters.id,
    userId: event.pathParameters.userId,
  });
  return noContent();
});
