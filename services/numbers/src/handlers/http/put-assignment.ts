import { authOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { assignNumber } from '../../domain/inventory.ts';
import { chime } from '../../wiring/chime.ts';
import { publishing } from '../../wiring/publishing.ts';
import { errorStatus } from './errors.ts';
import { AssignmentBody, NumberPath } from './schemas.ts';

export const handler = httpHandler({ path: NumberPath, body: AssignmentBody, errors: errorStatus }).handler(
  async (event) =>
    ok({
      number: await assignNumber({ ...chime(), ...publishing() }, authOf(event), {
        e164: event.pathParameters.e164,
        userId: event.body.userId,
      }),
    }),
);
