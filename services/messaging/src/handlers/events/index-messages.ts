import { MessageDeleted, MessageEdited, MessageSent } from '@parley/events/messaging';
import { byDetailType, eventHandler } from '@parley/lambda/events';
import { indexMessage, indexSentMessage } from '../../domain/search-indexer.ts';
import { core } from '../../wiring/index.ts';

const reindex = (data: { conversationId: string; seq: number }) =>
  indexMessage(core(), { conversationId: data.conversationId, seq: data.seq });

const onSent = eventHandler(MessageSent, { idempotency: 'by-effect' }).handler(async ({ data, metadata }) => {
  await indexSentMessage(core(), { eventId: metadata.eventId, message: data });
});
const onEdited = eventHandler(MessageEdited, { idempotency: 'by-effect' }).handler(async ({ data }) => {
  await reindex(data);
});
const onDeleted = eventHandler(MessageDeleted, { idempotency: 'by-effect' }).handler(async ({ data }) => {
  await reindex(data);
});

/**
 * Messaging's own message events → the search index (ADR 0019), off the send path: an edit or a
 * delete makes the index agree with the message as stored now, so order and replays do not matter;
 * a new message is indexed from its event in one batch that also retires its outbox row (ADR 0033).
 * No idempotency record is kept (ADR 0023): a replay writes the same items again.
 */
export const handler = byDetailType({
  [MessageSent.detailType]: onSent,
  [MessageEdited.detailType]: onEdited,
  [MessageDeleted.detailType]: onDeleted,
});
