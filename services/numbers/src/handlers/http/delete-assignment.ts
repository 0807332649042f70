import { authOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { unassignNumber } from '../../domain/inventory.ts';
import { chime } from '../../wiring/chime.ts';
import { publishing } from '../../wiring/publishing.ts';
import { errorStatus } from './errors.ts';
import { NumberPath } from './schemas.ts';

export const handler = httpHandler({ path: NumberPath, errors: errorStatus }).handler(async (event) =>
  ok({ number: await unassignNumber({ ...chime(), ...publishing() }, authOf(event), event.pathParameters) }),
);
