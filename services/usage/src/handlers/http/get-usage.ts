import { authOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { monthOf } from '../../domain/model.ts';
import { orgUsage } from '../../domain/reports.ts';
import { core } from '../../wiring/index.ts';
import { errorStatus } from './errors.ts';
import { orgQuery } from './schemas.ts';

/** GET /usage?month=YYYY-MM&groupBy=user|country|feature: the organisation's usage, admins only. */
export const handler = httpHandler({ query: orgQuery, errors: errorStatus }).handler(async (event) => {
  const deps = core();
  const { month = monthOf(deps.clock.now()), groupBy } = event.queryStringParameters;
  return ok(await orgUsage(deps, authOf(event), { month, groupBy }));
});
