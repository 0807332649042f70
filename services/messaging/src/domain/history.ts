import type { ConversationRepository, MessageRepository } from './ports.ts';
import { type MessageView, memberConversation, messageView } from './views.ts';

export interface HistoryPage {
  /** ascending by seq, always */
  items: MessageView[];
  /** more messages exist in the direction of travel */
  hasMore: boolean;
  /**
   * Where to continue: pass it back as `afterSeq` when paging forward (`direction: "forward"`),
   * or as `beforeSeq` when paging back. null when the page is empty and there is nowhere to go.
   */
  nextCursor: number | null;
  direction: 'forward' | 'backward';
  /** seq of the newest message when the page was read */
  lastSeq: number;
}

/**
 * History paged by seq. `afterSeq` pages forward (what a client that reconnects or sees a gap
 * asks for: everything after the last seq it holds); `beforeSeq` alone pages back (infinite
 * scroll); neither gives the newest `limit` messages. Both bound a window. Members only.
 */
export async function listMessages(
  deps: { conversations: ConversationRepository; messages: MessageRepository },
  input: { callerId: string; conversationId: string; afterSeq?: number; beforeSeq?: number; limit: number },
): Promise<HistoryPage> {
  const conversation = await memberConversation(deps.conversations, input.conversationId, input.callerId);
  const lastSeq = conversation.lastMessage?.seq ?? 0;
  const forward = input.afterSeq !== undefined;
  const found = await deps.messages.range(conversation.id, {
    ...(input.afterSeq !== undefined ? { afterSeq: input.afterSeq } : {}),
    ...(input.beforeSeq !== undefined ? { beforeSeq: input.beforeSeq } : {}),
    limit: input.limit + 1,
    newestFirst: !forward,
  });
  const hasMore = found.length > input.limit;
  const page = found.slice(0, input.limit);
  if (!forward) page.reverse();
  const items = page.map(messageView);
  const edge = forward ? items.at(-1) : items[0];
  return {
    items,
    hasMore,
    nextCursor: edge?.seq ?? (forward ? (input.afterSeq ?? null) : null),
    direction: forward ? 'forward' : 'backward',
    lastSeq,
  };
}
