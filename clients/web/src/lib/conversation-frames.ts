import type { EventData, EventDefinition } from '@parley/events/define-event';
import {
  ConversationCreated,
  ConversationRead,
  ConversationRenamed,
  MembersChanged,
  MessageDeleted,
  MessageDeliveryChanged,
  MessageEdited,
  MessageSent,
  ReactionChanged,
} from '@parley/events/messaging';
import { GatewayFrameType, type ServerFrame, type TypingData } from '@parley/realtime/frames';
import type { ConversationSync } from './conversation-sync.ts';
import { readDelivery, readMessage } from './model.ts';
import { windowAfterInbound } from './reply-window.ts';
import { applyReaction, furtherDelivery, mergeMessages, updateMessage } from './timeline.ts';

/**
 * A frame's `data` as the event (or gateway frame) defines it. Every field may be missing: a frame
 * cut to fit 32 KB keeps only its small fields, so the checks below stay.
 */
type FrameData<E extends EventDefinition> = Partial<EventData<E>>;

/**
 * How each server frame changes the conversation store. Frames are hints: whatever a frame cannot
 * carry (a truncated text, a message beyond a gap) is fetched through the REST API.
 */
export function applyFrame(store: ConversationSync, frame: ServerFrame): void {
  const conversationId = typeof frame.data.conversationId === 'string' ? frame.data.conversationId : undefined;
  if (!conversationId) return;
  const s = store.state.get();
  const timeline = s.timelines[conversationId];
  const known = Boolean(s.conversations[conversationId]);
  const fetchRest = () => void store.recover(conversationId).catch(() => undefined);

  switch (frame.type) {
    case MessageSent.detailType: {
      const data = frame.data as FrameData<typeof MessageSent>;
      const message = readMessage({ ...data, id: data.messageId }, store.me);
      if (!message) return;
      if (!known) void store.fetchConversation(conversationId).catch(() => undefined);
      store.setTyping(conversationId, message.senderId, undefined);
      if (timeline?.loaded) {
        const gap = message.seq > timeline.contiguousSeq + 1;
        const present = timeline.messages.some((m) => m.id === message.id && m.state === 'sent');
        if (!present && !frame.truncated && data.truncated !== true) {
          store.updateTimeline(conversationId, (t) => mergeMessages(t, [message]));
        }
        if (gap || frame.truncated || data.truncated === true) fetchRest();
      }
      const before = store.state.get().conversations[conversationId];
      store.noteMessages(conversationId, [message]);
      // a new message brings an archived chat back, unless it is muted (the server's rule, `isArchived`)
      if (before?.archived && !before.muted && message.seq > before.lastSeq)
        store.patchConversation(conversationId, { archived: false });
      // a WhatsApp message from the person opens the reply window again, for 24 h (ADR 0030)
      if (before?.kind === 'whatsapp' && message.senderId.startsWith('wa:')) {
        const replyWindowEndsAt = windowAfterInbound(before.replyWindowEndsAt, message.sentAt);
        if (replyWindowEndsAt !== before.replyWindowEndsAt)
          store.patchConversation(conversationId, { replyWindowEndsAt });
      }
      return;
    }
    case MessageEdited.detailType: {
      const data = frame.data as FrameData<typeof MessageEdited>;
      const messageId = String(data.messageId ?? '');
      const text = typeof data.text === 'string' ? data.text : undefined;
      const editedAt = typeof data.editedAt === 'string' ? data.editedAt : frame.at;
      if (text !== undefined && data.truncated !== true) {
        store.updateTimeline(conversationId, (t) => updateMessage(t, messageId, (m) => ({ ...m, text, editedAt })));
      } else if (timeline?.loaded) {
        void store.deps.api
          .listMessages(conversationId, { afterSeq: Number(data.seq) - 1, limit: 1 })
          .then((page) => store.updateTimeline(conversationId, (t) => mergeMessages(t, page.items)))
          .catch(() => undefined);
      }
      const last = store.state.get().conversations[conversationId]?.lastMessage;
      if (last && last.seq === data.seq && typeof data.preview === 'string') {
        store.patchConversation(conversationId, { lastMessage: { ...last, preview: data.preview } });
      }
      return;
    }
    case MessageDeleted.detailType: {
      const data = frame.data as FrameData<typeof MessageDeleted>;
      const messageId = String(data.messageId ?? '');
      store.updateTimeline(conversationId, (t) =>
        updateMessage(t, messageId, (m) => ({ ...m, deleted: true, text: '', attachments: [], reactions: [] })),
      );
      const last = store.state.get().conversations[conversationId]?.lastMessage;
      if (last && last.seq === data.seq) {
        store.patchConversation(conversationId, { lastMessage: { ...last, deleted: true, preview: '' } });
      }
      return;
    }
    case MessageDeliveryChanged.detailType: {
      // a text of mine reached the phone, or did not (ADR 0028); it only moves forward
      const data = frame.data as FrameData<typeof MessageDeliveryChanged>;
      const messageId = String(data.messageId ?? '');
      const { delivery } = readDelivery({ status: data.delivery, reason: data.reason });
      if (!delivery) return;
      store.updateTimeline(conversationId, (t) =>
        updateMessage(t, messageId, (m) => furtherDelivery({ ...m, delivery }, m)),
      );
      return;
    }
    case ReactionChanged.detailType: {
      const data = frame.data as FrameData<typeof ReactionChanged>;
      const messageId = String(data.messageId ?? '');
      const emoji = String(data.emoji ?? '');
      const on = data.action === 'added';
      const count = typeof data.count === 'number' ? data.count : undefined;
      const mine = data.userId === store.me;
      const userId = typeof data.userId === 'string' ? data.userId : undefined;
      store.updateTimeline(conversationId, (t) =>
        updateMessage(t, messageId, (m) => ({
          ...m,
          reactions: applyReaction(m.reactions, { emoji, on, mine, count, ...(userId ? { userId } : {}) }),
        })),
      );
      return;
    }
    case ConversationRead.detailType: {
      const data = frame.data as FrameData<typeof ConversationRead>;
      const userId = String(data.userId ?? '');
      const seq = Number(data.seq ?? 0);
      const conversation = store.state.get().conversations[conversationId];
      if (!conversation || (conversation.readSeqs[userId] ?? 0) >= seq) return;
      const readSeqs = { ...conversation.readSeqs, [userId]: seq };
      const unreadCount = userId === store.me && seq >= conversation.lastSeq ? 0 : conversation.unreadCount;
      // when (for "Message info": read at, or by, this time)
      const readAts =
        typeof data.readAt === 'string' ? { readAts: { ...conversation.readAts, [userId]: data.readAt } } : {};
      store.patchConversation(conversationId, { readSeqs, unreadCount, ...readAts });
      return;
    }
    case ConversationCreated.detailType:
    case MembersChanged.detailType: {
      const data = frame.data as FrameData<typeof ConversationCreated | typeof MembersChanged>;
      const memberIds = Array.isArray(data.memberIds) ? data.memberIds : undefined;
      if (memberIds && !memberIds.includes(store.me)) store.removeConversation(conversationId);
      else void store.fetchConversation(conversationId).catch(() => undefined);
      return;
    }
    case ConversationRenamed.detailType: {
      const data = frame.data as FrameData<typeof ConversationRenamed>;
      if (typeof data.title === 'string') store.patchConversation(conversationId, { title: data.title });
      if (!known) void store.fetchConversation(conversationId).catch(() => undefined);
      return;
    }
    case GatewayFrameType.typing: {
      const data = frame.data as Partial<TypingData>;
      const userId = typeof data.userId === 'string' ? data.userId : undefined;
      if (userId && userId !== store.me) store.setTyping(conversationId, userId, store.typingUntil());
      return;
    }
    default:
      return;
  }
}
