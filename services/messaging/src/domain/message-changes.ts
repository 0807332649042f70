import { MessageDeleted, MessageEdited, ReactionChanged } from '@parley/events/messaging';
import { hasVisibleCharacter } from '@parley/events/text';
import { discardAttachments } from './attachments.ts';
import {
  ConcurrentUpdate,
  EmptyMessage,
  InvalidEmoji,
  MessageIsDeleted,
  MessageNotFound,
  NotMessageAuthor,
  TextTooLong,
  TooManyReactions,
} from './errors.ts';
import { messageEditedData } from './event-data.ts';
import { audienceOf, type Conversation, LIMITS, listPreview, type Message, seqOfMessageId } from './model.ts';
import { afterWrite, newEvent, publishStep } from './outbox.ts';
import type {
  AttachmentRepository,
  Clock,
  ConversationRepository,
  Diagnostics,
  EventRelay,
  FileStore,
  IdGenerator,
  MessageRepository,
  OutboxEvent,
} from './ports.ts';
import { type MessageView, memberConversation, messageView } from './views.ts';

export interface MessageChangeDeps {
  conversations: ConversationRepository;
  messages: MessageRepository;
  attachments: AttachmentRepository;
  relay: EventRelay;
  ids: IdGenerator;
  clock: Clock;
  diagnostics: Diagnostics;
}

interface Target {
  callerId: string;
  conversationId: string;
  messageId: string;
}

const ATTEMPTS = 5;

/**
 * Read-modify-write of one message with optimistic concurrency (its `version`): `decide` returns
 * the new message and its event, or undefined for "nothing to change". Retried on a conflict.
 */
async function changeMessage(
  deps: MessageChangeDeps,
  target: Target,
  decide: (
    message: Message,
    conversation: Conversation,
    now: string,
  ) => { next: Message; event: OutboxEvent; cleanup?: () => Promise<void> } | undefined,
): Promise<MessageView> {
  const seq = seqOfMessageId(target.messageId);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const conversation = await memberConversation(deps.conversations, target.conversationId, target.callerId);
    const message = seq === undefined ? undefined : await deps.messages.get(conversation.id, seq);
    if (!message || message.id !== target.messageId) throw new MessageNotFound('No such message in this conversation.');
    const now = deps.clock.now().toISOString();
    const decision = decide(message, conversation, now);
    if (!decision) return messageView(message);
    if (!(await deps.messages.replace(decision.next, message.version, [decision.event]))) continue;
    const next = decision.next;
    const isNewest = conversation.lastMessage?.seq === next.seq;
    await afterWrite(deps, {
      ...(isNewest
        ? {
            lastMessage: () =>
              deps.conversations.refreshLastMessage(conversation.id, {
                messageId: next.id,
                seq: next.seq,
                senderId: next.senderId,
                preview: listPreview(next),
                sentAt: next.sentAt,
                deleted: next.deletedAt !== undefined,
              }),
          }
        : {}),
      ...(decision.cleanup ? { cleanup: decision.cleanup } : {}),
      publish: publishStep(deps.relay, [decision.event]),
    });
    return messageView(next);
  }
  throw new ConcurrentUpdate('The message changed while you were changing it. Try again.');
}

/** The author replaces the text of their message. Members only; a deleted message stays deleted. */
export async function editMessage(deps: MessageChangeDeps, input: Target & { text: string }): Promise<MessageView> {
  if (input.text.length > LIMITS.maxTextLength)
    throw new TextTooLong(`A message has at most ${LIMITS.maxTextLength} characters.`);
  return changeMessage(deps, input, (message, conversation, now) => {
    if (message.senderId !== input.callerId) throw new NotMessageAuthor('Only the author can edit a message.');
    if (message.deletedAt) throw new MessageIsDeleted('This message was deleted.');
    if (!hasVisibleCharacter(input.text) && message.attachments.length === 0)
      throw new EmptyMessage('Write some text.');
    if (input.text === message.text) return undefined;
    const next: Message = { ...message, text: input.text, editedAt: now, version: message.version + 1 };
    return { next, event: newEvent(deps, MessageEdited, messageEditedData(next, now), audienceOf(conversation)) };
  });
}

/**
 * The author deletes their message: text, attachments, reply quote and reactions go, a tombstone
 * keeps its seq (so history has no holes), and its attachments are gone: refused to everyone and
 * their objects deleted (`discardAttachments`). Deleting it again changes nothing.
 */
export async function deleteMessage(
  deps: MessageChangeDeps & { files: FileStore },
  input: Target,
): Promise<MessageView> {
  return changeMessage(deps, input, (message, conversation, now) => {
    if (message.senderId !== input.callerId) throw new NotMessageAuthor('Only the author can delete a message.');
    if (message.deletedAt) return undefined;
    const { replyTo: _dropped, ...kept } = message;
    const next: Message = {
      ...kept,
      text: null,
      attachments: [],
      reactions: [],
      deletedAt: now,
      version: message.version + 1,
    };
    const event = newEvent(
      deps,
      MessageDeleted,
      {
        conversationId: message.conversationId,
        messageId: message.id,
        seq: message.seq,
        senderId: message.senderId,
        deletedAt: now,
      },
      audienceOf(conversation),
    );
    const attachmentIds = message.attachments.map((a) => a.id);
    const cleanup = attachmentIds.length ? () => discardAttachments(deps, attachmentIds, now) : undefined;
    return { next, event, ...(cleanup ? { cleanup } : {}) };
  });
}

// The `v` flag (unicode sets) gives \p{RGI_Emoji}; a variable, as tsc targets ES2023 and Node 20 has it.
const UNICODE_SETS: string = 'v';
const EMOJI = new RegExp(String.raw`^\p{RGI_Emoji}$`, UNICODE_SETS);

/** One emoji as Unicode defines it (flags, skin tones and ZWJ sequences included), not free text. */
export function isEmoji(value: string): boolean {
  return value.length > 0 && value.length <= LIMITS.maxEmojiLength && EMOJI.test(value);
}

/** A member adds (`add`) or takes back (`remove`) their reaction. Doing it twice changes nothing. */
export async function react(
  deps: MessageChangeDeps,
  input: Target & { emoji: string; action: 'add' | 'remove' },
): Promise<MessageView> {
  if (!isEmoji(input.emoji)) throw new InvalidEmoji('A reaction is one emoji.');
  return changeMessage(deps, input, (message, conversation, now) => {
    if (message.deletedAt) throw new MessageIsDeleted('This message was deleted.');
    const current = message.reactions.find((r) => r.emoji === input.emoji);
    const has = current?.userIds.includes(input.callerId) ?? false;
    if ((input.action === 'add') === has) return undefined;
    if (!current && message.reactions.length >= LIMITS.maxReactionsPerMessage) {
      throw new TooManyReactions(`A message has at most ${LIMITS.maxReactionsPerMessage} different reactions.`);
    }
    const userIds =
      input.action === 'add'
        ? [...(current?.userIds ?? []), input.callerId]
        : (current?.userIds ?? []).filter((id) => id !== input.callerId);
    const reactions = current
      ? message.reactions
          .map((r) => (r.emoji === input.emoji ? { emoji: r.emoji, userIds } : r))
          .filter((r) => r.userIds.length > 0)
      : [...message.reactions, { emoji: input.emoji, userIds }];
    const next: Message = { ...message, reactions, version: message.version + 1 };
    const event = newEvent(
      deps,
      ReactionChanged,
      {
        conversationId: message.conversationId,
        messageId: message.id,
        seq: message.seq,
        userId: input.callerId,
        emoji: input.emoji,
        action: input.action === 'add' ? 'added' : 'removed',
        count: userIds.length,
        changedAt: now,
      },
      audienceOf(conversation),
    );
    return { next, event };
  });
}
