import { authOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { monthOf } from '../../domain/model.ts';
import { myUsage } from '../../domain/reports.ts';
import { core } from '../../wiring/index.ts';
import { errorStatus } from './errors.ts';
import { monthQuery } from './schemas.ts';

/** GET /usage/me?month=YYYY-MM (default: this month, UTC). */
export const handler = httpHandler({ query: monthQuery, errors: errorStatus }).handler(async (event) => {
  const deps = core();
  const month = event.queryStringParameters.month ?? monthOf(deps.clock.now());
  return ok(await myUsage(deps, authOf(event), { month }));
});
