import { ConversationCreated, MembersChanged } from '@parley/events/messaging';
import { byDetailType, eventHandler } from '@parley/lambda/events';
import { ensureInboxEntries } from '../../domain/members.ts';
import { core } from '../../wiring/index.ts';

const onCreated = eventHandler(ConversationCreated, { idempotency: 'by-effect' }).handler(async ({ data }) => {
  await ensureInboxEntries(core(), {
    conversationId: data.conversationId,
    memberIds: data.memberIds,
    at: data.createdAt,
  });
});
const onMembersChanged = eventHandler(MembersChanged, { idempotency: 'by-effect' }).handler(async ({ data }) => {
  await ensureInboxEntries(core(), {
    conversationId: data.conversationId,
    memberIds: data.memberIds,
    at: data.changedAt,
  });
});

/**
 * Messaging's own membership events → every member has an inbox entry (ADR 0023): the repair for
 * an entry the request could not write after its commit. Idempotent by its effect.
 */
export const handler = byDetailType({
  [ConversationCreated.detailType]: onCreated,
  [MembersChanged.detailType]: onMembersChanged,
});
