import { ConversationCreated, MembersChanged } from '@parley/events/messaging';
import { eventHandler, type RawBusEvent } from '@parley/lambda/events';
import type { Context } from 'aws-lambda';
import { applyConversationMembers, projectionVersion } from '../../domain/projections.ts';
import { idempotency, stores } from '../../wiring/index.ts';

const onCreated = eventHandler(ConversationCreated, { idempotency: idempotency }).handler(async ({ data }) => {
  await applyConversationMembers(stores(), {
    conversationId: data.conversationId,
    memberIds: data.memberIds,
    ...(data.pendingIds ? { pendingIds: data.pendingIds } : {}),
    version: projectionVersion.ofMembers(0),
  });
});

const onChanged = eventHandler(MembersChanged, { idempotency: idempotency }).handler(async ({ data }) => {
  await applyConversationMembers(stores(), {
    conversationId: data.conversationId,
    memberIds: data.memberIds,
    ...(data.pendingIds ? { pendingIds: data.pendingIds } : {}),
    version: projectionVersion.ofMembers(data.membersVersion),
  });
});

/** messaging.ConversationCreated and messaging.MembersChanged → the membership projection (typing, presence audience). */
export const handler = (event: RawBusEvent, context: Context) =>
  event['detail-type'] === MembersChanged.detailType ? onChanged(event, context) : onCreated(event, context);
