import { authOf } from '@parley/lambda/auth-context';
import { httpHandler } from '@parley/lambda/http';
import { monthOf } from '../../domain/model.ts';
import { usageCsv } from '../../domain/reports.ts';
import { core } from '../../wiring/index.ts';
import { errorStatus } from './errors.ts';
import { monthQuery } from './schemas.ts';

/** GET /usage/export.csv?month=YYYY-MM: every line of the month as CSV, admins only. */
export const handler = httpHandler({ query: monthQuery, errors: errorStatus }).handler(async (event) => {
  const deps = core();
  const month = event.queryStringParameters.month ?? monthOf(deps.clock.now());
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="parley-usage-${month}.csv"`,
      'cache-control': 'no-store',
    },
    body: await usageCsv(deps, authOf(event), { month }),
  };
});
