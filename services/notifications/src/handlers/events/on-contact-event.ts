import { ContactAdded, ContactRemoved, UserBlocked, UserUnblocked } from '@parley/events/identity';
import { byDetailType, eventHandler } from '@parley/lambda/events';
import { announceContactAdded } from '../../domain/contact-notices.ts';
import { applyBlock, applyContact, projectionVersion } from '../../domain/projections.ts';
import { fanOut } from '../../wiring/gateway.ts';
import { idempotency, stores } from '../../wiring/index.ts';

const onAdded = eventHandler(ContactAdded, { idempotency: idempotency }).handler(async ({ data, metadata }) => {
  await applyContact(stores(), {
    ownerId: data.userId,
    contactId: data.contactId,
    active: true,
    version: projectionVersion.byTime(metadata.occurredAt, metadata.eventId),
  });
  // the person added is told at once ("Ana added you as a contact"), unless a block stands between them
  await announceContactAdded(fanOut(), {
    eventId: metadata.eventId,
    version: metadata.version,
    occurredAt: metadata.occurredAt,
    userId: data.userId,
    contactId: data.contactId,
    addedAt: data.addedAt,
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

/** identity's contact and block events → who sees whose presence, typing and signals; the person added is told. */
export const handler = byDetailType({
  [ContactAdded.detailType]: onAdded,
  [ContactRemoved.detailType]: onRemoved,
  [UserBlocked.detailType]: onBlocked,
  [UserUnblocked.detailType]: onUnblocked,
});
