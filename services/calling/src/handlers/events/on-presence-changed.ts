import { PresenceChanged } from '@parley/events/notifications';
import { eventHandler } from '@parley/lambda/events';
import { core, idempotency } from '../../wiring/index.ts';

/** notifications.PresenceChanged → calling's copy of who has a device online (newest change wins). */
export const handler = eventHandler(PresenceChanged, { idempotency }).handler(async ({ data }) => {
  await core().presence.apply({ userId: data.userId, status: data.status, changedAt: data.changedAt });
});
