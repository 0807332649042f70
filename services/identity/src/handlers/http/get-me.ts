import { authOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { identityErrors } from '../../domain/errors.ts';
import { getMe } from '../../domain/profile.ts';
import { wiring } from '../../wiring.ts';

export const handler = httpHandler({ errors: identityErrors }).handler(async (event) =>
  ok(await getMe(wiring.profiles(), { userId: authOf(event).userId })),
);
