import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { listCalls } from '../../domain/call-log.ts';
import { core } from '../../wiring/index.ts';
import { errorStatus } from './errors.ts';
import { ListCallsQuery } from './schemas.ts';

export const handler = httpHandler({ query: ListCallsQuery, errors: errorStatus }).handler(async (event) => {
  const { before, limit } = event.queryStringParameters;
  const page = await listCalls(core(), { userId: userIdOf(event), limit, ...(before ? { before } : {}) });
  return ok(page);
});
