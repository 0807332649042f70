import { UserRegistered } from '@parley/events/identity';
import { eventHandler } from '@parley/lambda/events';
import { recordUser } from '../../domain/directory.ts';
import { wiring } from '../../wiring.ts';

export const handler = eventHandler(UserRegistered, { idempotency: wiring.idempotency }).handler(async ({ data }) => {
  await recordUser(wiring.directory(), {
    userId: data.userId,
    displayName: data.displayName,
    registeredAt: data.registeredAt,
  });
});
