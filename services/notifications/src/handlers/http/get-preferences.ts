import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { getPreferences } from '../../domain/preferences.ts';
import { stores } from '../../wiring/index.ts';
import { errorStatus } from './errors.ts';

/** `GET /preferences` → the caller's notification preferences, defaults filled in. */
export const handler = httpHandler({ errors: errorStatus }).handler(async (event) =>
  ok(await getPreferences(stores(), userIdOf(event))),
);
