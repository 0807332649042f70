import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { getPreferences } from '../../domain/preferences.ts';
import { wiring } from '../../wiring.ts';

/** `GET /preferences` → the caller's notification preferences, defaults filled in. */
export const handler = httpHandler().handler(async (event) =>
  ok(await getPreferences(wiring.stores(), userIdOf(event))),
);
