import { ContactAdded, ContactRemoved, UserBlocked, UserUnblocked } from '@parley/events/identity';
import { byDetailType, eventHandler } from '@parley/lambda/events';
import { recordRelation } from '../../domain/relations.ts';
import { core, idempotency } from '../../wiring/index.ts';

const version = (metadata: { occurredAt: string; eventId: string }) => `${metadata.occurredAt}#${metadata.eventId}`;

const onContactAdded = eventHandler(ContactAdded, { idempotency }).handler(async ({ data, metadata }) => {
  await recordRelation(core(), {
    ownerId: data.userId,
    kind: 'contact',
    otherId: data.contactId,
    active: true,
    version: version(metadata),
  });
});

const onContactRemoved = eventHandler(ContactRemoved, { idempotency }).handler(async ({ data, metadata }) => {
  await recordRelation(core(), {
    ownerId: data.userId,
    kind: 'contact',
    otherId: data.contactId,
    active: false,
    version: version(metadata),
  });
});

const onBlocked = eventHandler(UserBlocked, { idempotency }).handler(async ({ data, metadata }) => {
  await recordRelation(core(), {
    ownerId: data.userId,
    kind: 'block',
    otherId: data.blockedId,
    active: true,
    version: version(metadata),
  });
});

const onUnblocked = eventHandler(UserUnblocked, { idempotency }).handler(async ({ data, metadata }) => {
  await recordRelation(core(), {
    ownerId: data.userId,
    kind: 'block',
    otherId: data.blockedId,
    active: false,
    version: version(metadata),
  });
});

/** identity's contact and block events → messaging's relations (message requests and blocks). */
export const handler = byDetailType({
  [ContactAdded.detailType]: onContactAdded,
  [ContactRemoved.detailType]: onContactRemoved,
  [UserBlocked.detailType]: onBlocked,
  [UserUnblocked.detailType]: onUnblocked,
});
