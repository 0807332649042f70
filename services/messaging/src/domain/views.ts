import { ConversationNotFound } from './errors.ts';
import {
  type Conversation,
  hasNotAccepted,
  isMember,
  LIMITS,
  type MemberState,
  type Message,
  replyWindowEndsAt,
} from './model.ts';
import type { ConversationRepository, MessageRepository } from './ports.ts';
import { preferencesOf } from './preference-state.ts';

/** What clients see of a message. A deleted message keeps its place: `deleted: true`, `text: null`. */
export function messageView(message: Message) {
  return {
    id: message.id,
    conversationId: message.conversationId,
    seq: message.seq,
    senderId: message.senderId,
    clientMessageId: message.clientMessageId,
    text: message.text,
    attachments: message.attachments,
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    reactions: message.reactions.map((r) => ({ emoji: r.emoji, count: r.userIds.length, userIds: r.userIds })),
    sentAt: message.sentAt,
    ...(message.editedAt ? { editedAt: message.editedAt } : {}),
    ...(message.deletedAt ? { deletedAt: message.deletedAt } : {}),
    deleted: message.deletedAt !== undefined,
    ...(message.delivery ? { delivery: message.delivery } : {}),
  };
}
export type MessageView = ReturnType<typeof messageView>;

export interface Viewer {
  userId: string;
  lastReadSeq: number;
  unreadCount: number;
  /** the viewer's own entry: their preferences (mute, archive, pin), shown to them alone */
  state?: MemberState;
}

/** What one member sees of a conversation; `markers` (read receipts) only on the single-conversation read. */
export function conversationView(conversation: Conversation, viewer: Viewer, markers?: readonly MemberState[]) {
  const byUser = new Map((markers ?? []).map((m) => [m.userId, m]));
  return {
    id: conversation.id,
    kind: conversation.kind,
    ...(conversation.title ? { title: conversation.title } : {}),
    ...(conversation.party ? { party: conversation.party } : {}),
    ...windowOf(conversation),
    createdBy: conversation.createdBy,
    createdAt: conversation.createdAt,
    members: conversation.memberIds.map((userId) => {
      // a member who has not accepted shows no read receipt to the others
      const marker = userId === viewer.userId || !hasNotAccepted(conversation, userId) ? byUser.get(userId) : undefined;
      return {
        userId,
        role: conversation.adminIds.includes(userId) ? ('admin' as const) : ('member' as const),
        ...(markers ? { lastReadSeq: marker?.lastReadSeq ?? 0 } : {}),
        ...(marker?.readAt ? { readAt: marker.readAt } : {}),
      };
    }),
    ...(conversation.lastMessage ? { lastMessage: conversation.lastMessage } : {}),
    lastSeq: conversation.lastMessage?.seq ?? 0,
    lastActivityAt: conversation.lastActivityAt,
    lastReadSeq: viewer.lastReadSeq,
    unreadCount: viewer.unreadCount,
    /** the viewer has not accepted it: a message request (or a group they were added to) to accept or decline */
    request: hasNotAccepted(conversation, viewer.userId),
    /** the viewer declined it: hidden from their list (reopened by starting a chat with the other person) */
    declined: (conversation.declinedIds ?? []).includes(viewer.userId),
    /** the viewer's own preferences (`preferences.ts`): nobody else's view shows them */
    ...preferencesOf(viewer.state, conversation.lastActivityAt),
  };
}
export type ConversationView = ReturnType<typeof conversationView>;

/** kind `whatsapp` only: `replyWindowEndsAt`, when replies stop being accepted (`null`: the phone never wrote). */
function windowOf(conversation: Conversation): { replyWindowEndsAt?: string | null } {
  const endsAt = replyWindowEndsAt(conversation);
  return endsAt === undefined ? {} : { replyWindowEndsAt: endsAt };
}

/** Loads a conversation the caller belongs to; anyone else learns nothing, not even that it exists. */
export async function memberConversation(
  conversations: ConversationRepository,
  conversationId: string,
  userId: string,
): Promise<Conversation> {
  const conversation = await conversations.get(conversationId);
  if (!conversation || !isMember(conversation, userId)) {
    throw new ConversationNotFound('No such conversation, or you are not a member of it.');
  }
  return conversation;
}

/** Unread messages for a member whose read marker is at `lastReadSeq` (exact up to `LIMITS.unreadCap`). */
export async function unreadCount(
  messages: MessageRepository,
  conversation: Conversation,
  userId: string,
  lastReadSeq: number,
): Promise<number> {
  const newest = conversation.lastMessage?.seq ?? 0;
  if (newest <= lastReadSeq) return 0;
  // up to the newest message this view shows: a message stored after the conversation was read is
  // not counted yet, so a client adding the frame of `newest + 1` to this count never counts it twice
  return messages.countUnread(conversation.id, userId, lastReadSeq, newest, LIMITS.unreadCap);
}
