import { MessageSent } from '@parley/events/messaging';
import { hasVisibleCharacter } from '@parley/events/text';
import { frozenAttachment } from './attachments.ts';
import type { ConversationDeps } from './conversation-deps.ts';
import {
  Blocked,
  ConversationNotFound,
  EmptyMessage,
  InvalidAttachment,
  InvalidReplyTarget,
  TextTooLong,
} from './errors.ts';
import { messageSentData } from './event-data.ts';
import { consumeLimit, type LimitDeps } from './limits.ts';
import {
  type AttachmentInfo,
  audienceOf,
  type Conversation,
  hasNotAccepted,
  LIMITS,
  listPreview,
  type Message,
  messageIdOf,
  type ReplyPreview,
  seqOfMessageId,
} from './model.ts';
import { afterWrite, newEvent, publishStep } from './outbox.ts';
import type {
  AttachmentRepository,
  Clock,
  ConversationRepository,
  Diagnostics,
  EventRelay,
  FileStore,
  IdGenerator,
  MemberRepository,
  MessageRepository,
} from './ports.ts';
import { acceptConversation } from './request-answers.ts';
import { directBlocked } from './requests.ts';
import { type MessageView, messageView } from './views.ts';

export interface SendMessageDeps extends LimitDeps, ConversationDeps {
  conversations: ConversationRepository;
  members: MemberRepository;
  messages: MessageRepository;
  attachments: AttachmentRepository;
  files: FileStore;
  relay: EventRelay;
  ids: IdGenerator;
  clock: Clock;
  diagnostics: Diagnostics;
}

export interface SendMessageInput {
  senderId: string;
  conversationId: string;
  clientMessageId: string;
  text?: string;
  attachmentIds?: readonly string[];
  replyToId?: string;
}

/**
 * Posts a message. Idempotent on `(conversation, sender, clientMessageId)`: the same id again —
 * retried, or sent concurrently — returns the one stored message with `created: false`.
 *
 * Order of work: membership and duplicate check, a block in a direct conversation (`Blocked`), a
 * request the sender had not accepted is accepted (replying accepts), reply and attachment checks, then the seq
 * (an atomic counter), then ONE transaction storing the message, its clientMessageId claim and
 * its MessageSent event (outbox). Only then is anything published; see ADR 0007.
 * Before all of it, the sender's send counter (`consumeLimit`, one write; RateLimited → 429).
 */
export async function sendMessage(
  deps: SendMessageDeps,
  input: SendMessageInput,
): Promise<{ message: MessageView; created: boolean }> {
  await consumeLimit(deps, 'send', input.senderId);
  const text = input.text ?? '';
  if (text.length > LIMITS.maxTextLength)
    throw new TextTooLong(`A message has at most ${LIMITS.maxTextLength} characters.`);
  const attachmentIds = [...new Set(input.attachmentIds ?? [])];
  // zero-width characters alone are no text
  if (!hasVisibleCharacter(text) && attachmentIds.length === 0)
    throw new EmptyMessage('Write some text or attach a file.');

  const [conversation, existing] = await Promise.all([
    deps.conversations.get(input.conversationId),
    deps.messages.findByClientMessageId(input.conversationId, input.senderId, input.clientMessageId),
  ]);
  if (!conversation?.memberIds.includes(input.senderId)) {
    throw new ConversationNotFound('No such conversation, or you are not a member of it.');
  }
  if (existing) return { message: messageView(existing), created: false };
  if (await directBlocked(deps, conversation, input.senderId)) throw new Blocked('You cannot message this person.');
  // replying to a request accepts it
  if (hasNotAccepted(conversation, input.senderId))
    await acceptConversation(deps, { callerId: input.senderId, conversationId: conversation.id });

  const [replyTo, attachments] = await Promise.all([
    input.replyToId ? replyPreview(deps.messages, conversation, input.replyToId) : undefined,
    checkedAttachments(deps, conversation, input.senderId, attachmentIds),
  ]);

  const seq = await deps.conversations.allocateSeq(conversation.id, input.senderId);
  if (seq === undefined) throw new ConversationNotFound('No such conversation, or you are not a member of it.');
  const sentAt = deps.clock.now().toISOString();
  const message: Message = {
    id: messageIdOf(seq, deps.ids.id()),
    conversationId: conversation.id,
    seq,
    senderId: input.senderId,
    clientMessageId: input.clientMessageId,
    text,
    attachments,
    ...(replyTo ? { replyTo } : {}),
    reactions: [],
    sentAt,
    version: 1,
  };
  const sent = newEvent(deps, MessageSent, messageSentData(message), audienceOf(conversation));
  if ((await deps.messages.create(message, [sent])) === 'duplicate') {
    // A concurrent request with the same clientMessageId won; its message is the answer (this seq stays unused).
    const original = await deps.messages.findByClientMessageId(conversation.id, input.senderId, input.clientMessageId);
    if (!original) throw new Error('clientMessageId claimed but its message is missing');
    return { message: messageView(original), created: false };
  }
  await afterWrite(deps, {
    lastMessage: () =>
      deps.conversations.recordLastMessage(conversation.id, {
        messageId: message.id,
        seq,
        senderId: message.senderId,
        preview: listPreview(message),
        sentAt,
        deleted: false,
      }),
    inbox: () => deps.members.touch(conversation.id, conversation.memberIds, sentAt),
    publish: publishStep(deps.relay, [sent]),
  });
  return { message: messageView(message), created: true };
}

async function replyPreview(
  messages: MessageRepository,
  conversation: Conversation,
  replyToId: string,
): Promise<ReplyPreview> {
  const seq = seqOfMessageId(replyToId);
  const target = seq === undefined ? undefined : await messages.get(conversation.id, seq);
  if (!target || target.id !== replyToId || target.deletedAt) {
    throw new InvalidReplyTarget('replyToId must be a message of this conversation that was not deleted.');
  }
  return {
    messageId: target.id,
    seq: target.seq,
    senderId: target.senderId,
    preview: listPreview(target),
  };
}

/** Attachments must belong to this conversation and sender, and their bytes must be uploaded. */
async function checkedAttachments(
  deps: Pick<SendMessageDeps, 'attachments' | 'files' | 'clock'>,
  conversation: Conversation,
  senderId: string,
  attachmentIds: readonly string[],
): Promise<AttachmentInfo[]> {
  if (attachmentIds.length === 0) return [];
  if (attachmentIds.length > LIMITS.maxAttachmentsPerMessage) {
    throw new InvalidAttachment(`A message has at most ${LIMITS.maxAttachmentsPerMessage} attachments.`);
  }
  const found = new Map((await deps.attachments.getMany(attachmentIds)).map((a) => [a.id, a]));
  return Promise.all(
    attachmentIds.map(async (id) => {
      const attachment = found.get(id);
      if (
        !attachment ||
        attachment.discardedAt ||
        attachment.conversationId !== conversation.id ||
        attachment.uploaderId !== senderId
      ) {
        throw new InvalidAttachment(`Attachment ${id} is not one you uploaded to this conversation.`, [
          { attachmentId: id },
        ]);
      }
      // checked against its checksum and copied where downloads read it (ADR 0016)
      return frozenAttachment(deps, attachment);
    }),
  );
}
