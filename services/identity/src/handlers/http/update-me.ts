import { authOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { updateMe } from '../../domain/profile.ts';
import { ProfileChanges } from '../../domain/profile-fields.ts';
import { profiles } from '../../wiring/avatars.ts';
import { errorStatus } from './errors.ts';

export const handler = httpHandler({ body: ProfileChanges, errors: errorStatus }).handler(async (event) =>
  ok(await updateMe(profiles(), { userId: authOf(event).userId, changes: event.body })),
);
