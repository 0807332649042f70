import { authOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { identityErrors } from '../../domain/errors.ts';
import { updateMe } from '../../domain/profile.ts';
import { ProfileChanges } from '../../domain/profile-fields.ts';
import { wiring } from '../../wiring.ts';

export const handler = httpHandler({ body: ProfileChanges, errors: identityErrors }).handler(async (event) =>
  ok(await updateMe(wiring.profiles(), { userId: authOf(event).userId, changes: event.body })),
);
