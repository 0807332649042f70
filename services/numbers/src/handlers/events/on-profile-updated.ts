import { ProfileUpdated } from '@parley/events/identity';
import { eventHandler } from '@parley/lambda/events';
import { renameUser } from '../../domain/directory.ts';
import { core, idempotency } from '../../wiring/index.ts';

/** Keeps names current: the directory's, and `assignedTo.displayName` on the user's numbers. */
export const handler = eventHandler(ProfileUpdated, { idempotency }).handler(async ({ data }) => {
  if (!data.changed.includes('displayName')) return;
  await renameUser(core(), { userId: data.userId, displayName: data.displayName });
});
