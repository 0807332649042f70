import { httpHandler, ok } from '@parley/lambda/http';
import { identityErrors } from '../../domain/errors.ts';
import { getMe } from '../../domain/profile.ts';
import { wiring } from '../../wiring.ts';
import { callerOf } from './request-helpers.ts';

export const handler = httpHandler({ errors: identityErrors }).handler(async (event) =>
  ok(await getMe(wiring.profiles(), { userId: callerOf(event).userId })),
);
