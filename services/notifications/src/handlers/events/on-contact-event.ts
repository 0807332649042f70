import { ContactAdded, ContactRemoved } from '@parley/events/identity';
import { eventHandler, type RawBusEvent } from '@parley/lambda/events';
import type { Context } from 'aws-lambda';
import { applyContact, projectionVersion } from '../../domain/projections.ts';
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

/** identity.ContactAdded and identity.ContactRemoved → who sees whose presence. */
export const handler = (event: RawBusEvent, context: Context) =>
  event['detail-type'] === ContactRemoved.detailType ? onRemoved(event, context) : onAdded(event, context);
