import { UserRegistered } from '@parley/events/identity';
import { eventHandler } from '@parley/lambda/events';
import { recordUser } from '../../domain/users.ts';
import { core, idempotency } from '../../wiring/index.ts';

/** Keeps messaging's copy of who exists: conversation members must be registered people. */
export const handler = eventHandler(UserRegistered, { idempotency }).handler(async ({ data }) => {
  await recordUser(core(), { userId: data.userId, registeredAt: data.registeredAt });
});
