import { memoryWorld } from '../../test/memory.ts';
import { createConversation } from './conversations.ts';
import { editMessage } from './message-changes.ts';
import { indexMessage } from './search-indexer.ts';
import { memorySearchIndex } from './search-memory.ts';
import { sendMessage } from './send-message.ts';

/**
 * A messaging world with the in-memory search index, for the search tests: `send` and `edit` index
 * as the consumer would (after the write, through `indexMessage`).
 */
export function searchWorld() {
  const world = memoryWorld();
  const search = memorySearchIndex(world.deps.messages);
  const deps = { ...world.deps, search: search.index };
  let n = 0;
  const reindex = (conversationId: string, seq: number) => indexMessage(deps, { conversationId, seq });
  return {
    world,
    search,
    deps,
    reindex,
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
      await reindex(conversationId, message.seq);
      return message;
    },
    async edit(conversationId: string, callerId: string, messageId: string, text: string) {
      const message = await editMessage(deps, { callerId, conversationId, messageId, text });
      await reindex(conversationId, message.seq);
      return message;
    },
  };
}
