import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { putSettings } from '../../domain/settings.ts';
import { core } from '../../wiring/index.ts';
import { errorStatus } from './errors.ts';
import { SettingsBody } from './schemas.ts';

export const handler = httpHandler({ body: SettingsBody, errors: errorStatus }).handler(async (event) => {
  const { forwardToNumber, ...rest } = event.body;
  return ok(
    await putSettings(core(), {
      userId: userIdOf(event),
      settings: { ...rest, ...(forwardToNumber ? { forwardToNumber } : {}) },
    }),
  );
});
