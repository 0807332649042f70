import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { PreferencesUpdate, updatePreferences } from '../../domain/preferences.ts';
import { wiring } from '../../wiring.ts';

/** `PUT /preferences` with any subset of the fields → the saved preferences. Unknown fields and bad values: 400. */
export const handler = httpHandler({ body: PreferencesUpdate }).handler(async (event) =>
  ok(await updatePreferences(wiring.stores(), { userId: userIdOf(event), changes: event.body })),
);
