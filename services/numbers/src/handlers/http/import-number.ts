import { authOf } from '@parley/lambda/auth-context';
import { created, httpHandler } from '@parley/lambda/http';
import { importNumber } from '../../domain/inventory.ts';
import { chime } from '../../wiring/chime.ts';
import { publishing } from '../../wiring/publishing.ts';
import { errorStatus } from './errors.ts';
import { ImportBody } from './schemas.ts';

export const handler = httpHandler({ body: ImportBody, errors: errorStatus }).handler(async (event) =>
  created({ number: await importNumber({ ...chime(), ...publishing() }, authOf(event), { e164: event.body.e164 }) }),
);
