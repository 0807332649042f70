import { UserBlocked, UserUnblocked } from '@parley/events/identity';
import { byDetailType, eventHandler } from '@parley/lambda/events';
import { core, idempotency } from '../../wiring/index.ts';

const version = (metadata: { occurredAt: string; eventId: string }) => `${metadata.occurredAt}#${metadata.eventId}`;

const onBlocked = eventHandler(UserBlocked, { idempotency }).handler(async ({ data, metadata }) => {
  await core().blocks.apply({
    ownerId: data.userId,
    blockedId: data.blockedId,
    active: true,
    version: version(metadata),
  });
});

const onUnblocked = eventHandler(UserUnblocked, { idempotency }).handler(async ({ data, metadata }) => {
  await core().blocks.apply({
    ownerId: data.userId,
    blockedId: data.blockedId,
    active: false,
    version: version(metadata),
  });
});

/** identity.UserBlocked / UserUnblocked → calling's copy of who blocked whom (no calls between them). */
export const handler = byDetailType({
  [UserBlocked.detailType]: onBlocked,
  [UserUnblocked.detailType]: onUnblocked,
});
