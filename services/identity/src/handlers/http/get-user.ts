import { Id } from '@parley/events/ids';
import { httpHandler, ok } from '@parley/lambda/http';
import * as z from 'zod';
import { getUser } from '../../domain/profile.ts';
import { profiles } from '../../wiring/avatars.ts';
import { errorStatus } from './errors.ts';

export const handler = httpHandler({ path: z.object({ userId: Id }), errors: errorStatus }).handler(async (event) =>
  ok(await getUser(profiles(), event.pathParameters)),
);
