import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { getSettings } from '../../domain/settings.ts';
import { core } from '../../wiring/index.ts';
import { errorStatus } from './errors.ts';

export const handler = httpHandler({ errors: errorStatus }).handler(async (event) =>
  ok(await getSettings(core(), { userId: userIdOf(event) })),
);
