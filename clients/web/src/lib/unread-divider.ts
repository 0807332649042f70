import type { Conversation, Message } from './model.ts';

/**
 * Where the "N unread messages" line goes when a chat opens. The read marker is taken before the
 * chat marks itself read (opening it does at once), so the line stays where the person stopped
 * reading for as long as the chat is open.
 */
export interface ReadMark {
  /** my read marker when the chat opened (undefined when the server did not send it) */
  readSeq?: number;
  /** how many messages from others were unread then */
  unreadCount: number;
}

/** The mark to keep for a chat being opened: undefined when nothing was unread. */
export function captureReadMark(conversation: Conversation | undefined, me: string): ReadMark | undefined {
  if (!conversation || conversation.unreadCount <= 0) return undefined;
  const readSeq = conversation.readSeqs[me];
  return { unreadCount: conversation.unreadCount, ...(readSeq !== undefined ? { readSeq } : {}) };
}

export interface UnreadDivider {
  /** the first unread message: the line goes right above it */
  messageId: string;
  count: number;
}

/**
 * The first unread message among those loaded and how many are unread: messages from others after
 * the read marker (or, without one, the last `unreadCount` messages from others). When more are
 * unread than are loaded, the line sits above the oldest loaded one and says the server's count.
 */
export function unreadDivider(messages: Message[], mark: ReadMark | undefined, me: string): UnreadDivider | undefined {
  if (!mark) return undefined;
  const theirs = messages.filter((m) => m.state === 'sent' && m.senderId !== me);
  const unread =
    mark.readSeq !== undefined
      ? theirs.filter((m) => m.seq > (mark.readSeq as number))
      : theirs.slice(Math.max(0, theirs.length - mark.unreadCount));
  const first = unread[0];
  if (!first) return undefined;
  return { messageId: first.id, count: Math.max(unread.length, mark.unreadCount) };
}
