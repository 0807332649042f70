import { ContactAdded, ContactRemoved, UserBlocked, UserUnblocked } from '@parley/events/identity';
import { byDetailType, eventHandler } from '@parley/lambda/events';
import { applyBlock, applyContact, projectionVersion } from '../../domain/projections.ts';
import { idempotency, stores } from '../../wiring/index.ts';

const onAdded = eventHandler(ContactAdded, { idempotency: idempotency }).handler(async ({ data, metadata }) => {
  await applyContact(stores(), {
    ownerId: data.userId,
    contactId: data.contactId,
    active: true,
    version: projectionVersion.byTime(metadata.occurredAt, metadata.eventId),
  });
});

const onRemoved = eventHandler(ContactRemoved, { idempotency: idempotency }).handler(async ({ data, metadata }) => {
  await applyContact(stores(), {
    ownerId: data.userId,
    contactId: data.contactId,
    active: false,
    version: projectionVersion.byTime(metadata.occurredAt, metadata.eventId),
  });
});

const onBlocked = eventHandler(UserBlocked, { idempotency: idempotency }).handler(async ({ data, metadata }) => {
  await applyBlock(stores(), {
    ownerId: data.userId,
    blockedId: data.blockedId,
    active: true,
    version: projectionVersion.byTime(metadata.occurredAt, metadata.eventId),
  });
});

const onUnblocked = eventHandler(UserUnblocked, { idempotency: idempotency }).handler(async ({ data, metadata }) => {
  await applyBlock(stores(), {
    ownerId: data.userId,
    blockedId: data.blockedId,
    active: false,
    version: projectionVersion.byTime(metadata.occurredAt, metadata.eventId),
  });
});

/** identity's contact and block events → who sees whose presence, typing and signals. */
export const handler = byDetailType({
  [ContactAdded.detailType]: onAdded,
  [ContactRemoved.detailType]: onRemoved,
  [UserBlocked.detailType]: onBlocked,
  [UserUnblocked.detailType]: onUnblocked,
});
