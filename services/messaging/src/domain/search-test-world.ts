import { memoryWorld } from '../../test/memory.ts';
import { createConversation } from './conversations.ts';
import { editMessage } from './message-changes.ts';
import { indexMessage, indexSentMessage } from './search-indexer.ts';
import { memorySearchIndex } from './search-memory.ts';
import { sendMessage } from './send-message.ts';

/**
 * A messaging world with the in-memory search index, for the search tests: `send` and `edit` index
 * as the consumer would (after the write: a send from its published MessageSent through
 * `indexSentMessage`, an edit through `indexMessage`).
 */
export function searchWorld() {
  const world = memoryWorld();
  const search = memorySearchIndex(world.deps.messages);
  const deps = { ...world.deps, search: search.index };
  let n = 0;
  /** the MessageSent the send published, as indexMessages receives it */
  const sentEvent = (messageId: string) => {
    const event = world.published.find(
      (e) =>
        e.event.detailType === 'messaging.MessageSent' && (e.data as { messageId: string }).messageId === messageId,
    );
    if (!event) throw new Error(`no MessageSent published for ${messageId}`);
    return { eventId: event.eventId, message: event.data as Parameters<typeof indexSentMessage>[1]['message'] };
  };
  const reindex = (conversationId: string, seq: number) => indexMessage(deps, { conversationId, seq });
  return {
    world,
    search,
    deps,
    reindex,
    sentEvent,
    async chat(callerId: string, memberIds: string[], title?: string) {
      const { conversation } = await createConversation(deps, {
        callerId,
        memberIds,
        ...(title ? { title, kind: 'group' as const } : {}),
      });
      return conversation.id;
    },
    async send(conversationId: string, senderId: string, text: string) {
      world.advance(1000);
      const { message } = await sendMessage(deps, { senderId, conversationId, clientMessageId: `c${++n}`, text });
      await indexSentMessage(deps, sentEvent(message.id));
      return message;
    },
    async edit(conversationId: string, callerId: string, messageId: string, text: string) {
      const message = await editMessage(deps, { callerId, conversationId, messageId, text });
      await reindex(conversationId, message.seq);
      return message;
    },
  };
}
