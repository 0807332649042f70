import { httpHandler, ok } from '@parley/lambda/http';
import { listCountries } from '../../domain/offers.ts';
import { chime } from '../../wiring/chime.ts';
import { errorStatus } from './errors.ts';

export const handler = httpHandler({ errors: errorStatus }).handler(async () =>
  ok({ items: await listCountries(chime()) }),
);
