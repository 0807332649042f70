import { MessageSent, TextRequested } from '@parley/events/messaging';
import { hasVisibleCharacter } from '@parley/events/text';
import { appendMessage } from './append.ts';
import { frozenAttachment } from './attachments.ts';
import type { ConversationDeps } from './conversation-deps.ts';
import {
  Blocked,
  ConversationNotFound,
  EmptyMessage,
  InvalidAttachment,
  InvalidReplyTarget,
  TextAttachmentsUnsupported,
  TextTooLong,
  WhatsappWindowClosed,
} from './errors.ts';
import { messageSentData } from './event-data.ts';
import { type LimitDeps, limitTake } from './limits.ts';
import {
  type AttachmentInfo,
  audienceOf,
  type Conversation,
  hasNotAccepted,
  isTextKind,
  LIMITS,
  listPreview,
  type Message,
  type ReplyPreview,
  replyWindowEndsAt,
  replyWindowOpen,
  seqOfMessageId,
} from './model.ts';
import { newEvent } from './outbox.ts';
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
import { deliveryRef } from './texting.ts';
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
 * Three DynamoDB requests for a text message, whatever the group's size (ADR 0023): the
 * conversation (one GetItem), then ONE transaction storing the message with its seq (the
 * conversation's counter moved on from what was read, with the list preview), its
 * clientMessageId claim, its MessageSent event (outbox, ADR 0007), the sender's send counter
 * (RateLimited → 429) and, in a direct conversation, the check that nobody blocked anybody
 * (Blocked); then the outbox clean-up once published. A message sent meanwhile by someone else
 * moves the counter: the send reads the conversation again and takes the next seq, so seqs stay
 * gap-free. Members' inbox entries are not written: the list orders by the conversation itself.
 * A request the sender had not accepted is accepted first (replying accepts); replies and
 * attachments read what they refer to. In a WhatsApp conversation whose 24 h reply window is closed
 * (ADR 0030, judged on the conversation already read) nothing is written: `WhatsappWindowClosed`.
 */
export async function sendMessage(
  deps: SendMessageDeps,
  input: SendMessageInput,
): Promise<{ message: MessageView; created: boolean }> {
  const text = input.text ?? '';
  if (text.length > LIMITS.maxTextLength)
    throw new TextTooLong(`A message has at most ${LIMITS.maxTextLength} characters.`);
  const attachmentIds = [...new Set(input.attachmentIds ?? [])];
  // zero-width characters alone are no text
  if (!hasVisibleCharacter(text) && attachmentIds.length === 0)
    throw new EmptyMessage('Write some text or attach a file.');

  let conversation = await memberOnly(deps, input);
  if (hasNotAccepted(conversation, input.senderId)) {
    // rare: answering a request. A blocked sender accepts nothing.
    if (await directBlocked(deps, conversation, input.senderId)) throw new Blocked('You cannot message this person.');
    await acceptConversation(deps, { callerId: input.senderId, conversationId: conversation.id });
    conversation = await memberOnly(deps, input);
  }

  // a text conversation (sms / whatsapp) carries text only in this version
  if (isTextKind(conversation.kind) && attachmentIds.length > 0) {
    throw new TextAttachmentsUnsupported('Attachments cannot be texted to a phone yet: send text only.');
  }
  if (!replyWindowOpen(conversation, deps.clock.now())) {
    // a retry of a reply accepted while the window was open still gets its original (idempotent send)
    const original = await deps.messages.findByClientMessageId(conversation.id, input.senderId, input.clientMessageId);
    if (original) return { message: messageView(original), created: false };
    throw windowClosed(conversation);
  }
  const [replyTo, attachments] = await Promise.all([
    input.replyToId ? replyPreview(deps.messages, conversation, input.replyToId) : undefined,
    checkedAttachments(deps, conversation, input.senderId, attachmentIds),
  ]);
  const counter = limitTake(deps, 'send', input.senderId);
  const otherId =
    conversation.kind === 'direct' ? conversation.memberIds.find((id) => id !== input.senderId) : undefined;

  const appended = await appendMessage(deps, conversation, {
    message: {
      senderId: input.senderId,
      clientMessageId: input.clientMessageId,
      text,
      attachments,
      ...(replyTo ? { replyTo } : {}),
      reactions: [],
    },
    eventsFor: (message, current) => [
      newEvent(deps, MessageSent, messageSentData(message), audienceOf(current)),
      ...textRequest(deps, current, message),
    ],
    conditions: { counter, ...(otherId ? { otherId } : {}) },
    async again(fromStore) {
      const current = fromStore ?? (await memberOnly(deps, input));
      if (!current.memberIds.includes(input.senderId)) {
        throw new ConversationNotFound('No such conversation, or you are not a member of it.');
      }
      return current;
    },
  });
  switch (appended.outcome) {
    case 'created':
      return { message: messageView(appended.message), created: true };
    case 'duplicate': {
      // sent before (a retry), or a concurrent request with the same clientMessageId won
      const original = await deps.messages.findByClientMessageId(
        conversation.id,
        input.senderId,
        input.clientMessageId,
      );
      if (!original) throw new Error('clientMessageId claimed but its message is missing');
      return { message: messageView(original), created: false };
    }
    case 'rate-limited':
      throw counter.refused();
    case 'blocked':
      throw new Blocked('You cannot message this person.');
  }
}

/**
 * In a text conversation (kind `sms` / `whatsapp`), the owner's message also asks notifications to text
 * it to the party: `messaging.TextRequested`, in the same transaction (no audience: no frame).
 */
function textRequest(deps: { clock: SendMessageDeps['clock'] }, conversation: Conversation, message: Message) {
  const party = conversation.party;
  if (!isTextKind(conversation.kind) || !party || !message.text) return [];
  return [
    newEvent(
      deps,
      TextRequested,
      {
        conversationId: conversation.id,
        messageId: message.id,
        seq: message.seq,
        channel: party.channel,
        from: party.via,
        to: party.phoneNumber,
        text: message.text,
        requestedBy: message.senderId,
        ref: deliveryRef(conversation.id, message.id),
      },
      [],
    ),
  ];
}

/** 409 `whatsapp_window_closed`, with when it closed (`null`: the phone never wrote) in its details. */
function windowClosed(conversation: Conversation): WhatsappWindowClosed {
  const endsAt = replyWindowEndsAt(conversation) ?? null;
  return new WhatsappWindowClosed(
    endsAt
      ? 'WhatsApp accepts a reply only within 24 hours of their last message, and that was more than 24 hours ago. They need to write to you first.'
      : 'WhatsApp accepts a reply only within 24 hours of their last message, and they have not written to you yet. They need to write to you first.',
    [{ replyWindowEndsAt: endsAt }],
  );
}

/** The conversation, strongly consistent, if the sender is a member (404 otherwise). */
async function memberOnly(deps: SendMessageDeps, input: SendMessageInput): Promise<Conversation> {
  const conversation = await deps.conversations.get(input.conversationId);
  if (!conversation?.memberIds.includes(input.senderId)) {
    throw new ConversationNotFound('No such conversation, or you are not a member of it.');
  }
  return conversation;
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
