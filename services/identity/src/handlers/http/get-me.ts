import { authOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { getMe } from '../../domain/profile.ts';
import { profiles } from '../../wiring/avatars.ts';
import { errorStatus } from './errors.ts';

export const handler = httpHandler({ errors: errorStatus }).handler(async (event) =>
  ok(await getMe(profiles(), { userId: authOf(event).userId })),
);
