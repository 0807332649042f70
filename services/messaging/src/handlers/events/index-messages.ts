import { MessageDeleted, MessageEdited, MessageSent } from '@parley/events/messaging';
import { byDetailType, eventHandler } from '@parley/lambda/events';
import { indexMessage } from '../../domain/search-indexer.ts';
import { core } from '../../wiring/index.ts';

const reindex = (data: { conversationId: string; seq: number }) =>
  indexMessage(core(), { conversationId: data.conversationId, seq: data.seq });

const onSent = eventHandler(MessageSent, { idempotency: 'by-effect' }).handler(async ({ data }) => {
  await reindex(data);
});
const onEdited = eventHandler(MessageEdited, { idempotency: 'by-effect' }).handler(async ({ data }) => {
  await reindex(data);
});
const onDeleted = eventHandler(MessageDeleted, { idempotency: 'by-effect' }).handler(async ({ data }) => {
  await reindex(data);
});

/**
 * Messaging's own message events → the search index (ADR 0019), off the send path: each one
 * makes the index agree with the message as stored now, so order and replays do not matter, and
 * no idempotency record is kept (ADR 0023).
 */
export const handler = byDetailType({
  [MessageSent.detailType]: onSent,
  [MessageEdited.detailType]: onEdited,
  [MessageDeleted.detailType]: onDeleted,
});
