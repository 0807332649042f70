import { E164 } from '@parley/events/ids';
import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import * as z from 'zod';
import { quote } from '../../domain/toll-fraud.ts';
import { pstn } from '../../wiring/pstn.ts';
import { errorStatus } from './errors.ts';

export const QuoteQuery = z.strictObject({ to: E164 });

/** What a phone call to `to` would cost and whether the caller may place it now. Dials nothing. */
export const handler = httpHandler({ query: QuoteQuery, errors: errorStatus }).handler(async (event) => {
  return ok(await quote(pstn(), { userId: userIdOf(event), to: event.queryStringParameters.to }));
});
