import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { PreferencesUpdate, updatePreferences } from '../../domain/preferences.ts';
import { stores } from '../../wiring/index.ts';
import { errorStatus } from './errors.ts';

/** `PUT /preferences` with any subset of the fields → the saved preferences. Unknown fields and bad values: 400. */
export const handler = httpHandler({ body: PreferencesUpdate, errors: errorStatus }).handler(async (event) =>
  ok(await updatePreferences(stores(), { userId: userIdOf(event), changes: event.body })),
);
