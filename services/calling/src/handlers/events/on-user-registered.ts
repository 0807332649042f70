import { UserRegistered } from '@parley/events/identity';
import { eventHandler } from '@parley/lambda/events';
import { recordUser } from '../../domain/directory.ts';
import { core, idempotency } from '../../wiring/index.ts';

export const handler = eventHandler(UserRegistered, { idempotency }).handler(async ({ data }) => {
  await recordUser(core(), { userId: data.userId, displayName: data.displayName });
});
