import { Id } from '@parley/events/ids';
import { httpHandler, ok } from '@parley/lambda/http';
import { z } from 'zod';
import { identityErrors } from '../../domain/errors.ts';
import { getUser } from '../../domain/profile.ts';
import { wiring } from '../../wiring.ts';

export const handler = httpHandler({ path: z.object({ userId: Id }), errors: identityErrors }).handler(async (event) =>
  ok(await getUser(wiring.profiles(), event.pathParameters)),
);
