import { authOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { listAvailable } from '../../domain/offers.ts';
import { chime } from '../../wiring/chime.ts';
import { errorStatus } from './errors.ts';
import { AvailableQuery } from './schemas.ts';

export const handler = httpHandler({ query: AvailableQuery, errors: errorStatus }).handler(async (event) => {
  const { country, type, areaCode } = event.queryStringParameters;
  return ok({
    items: await listAvailable(chime(), authOf(event), { country, type, ...(areaCode ? { areaCode } : {}) }),
  });
});
