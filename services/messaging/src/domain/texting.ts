import { createHash } from 'node:crypto';
import { callingCode } from '@parley/domain/phone';
import { fromMicros, smsPriceFor, WHATSAPP_MESSAGE } from '@parley/domain/prices';
import type { EventData } from '@parley/events/define-event';
import { ConversationCreated, MessageDeliveryChanged, MessageSent, UsageRecorded } from '@parley/events/messaging';
import { appendMessage } from './append.ts';
import type { ConversationDeps } from './conversation-deps.ts';
import { InvalidConversation, NoParleyNumber } from './errors.ts';
import { messageSentData } from './event-data.ts';
import {
  type Conversation,
  type Delivery,
  LIMITS,
  type Message,
  type Party,
  partySenderId,
  seqOfMessageId,
  type TextChannel,
} from './model.ts';
import { afterWrite, newEvent, publishStep } from './outbox.ts';
import type { NumberOwners } from './ports.ts';
import { type ConversationView, conversationView, memberConversation, unreadCount } from './views.ts';

/**
 * Text conversations (kind `sms` / `whatsapp`): one Parley user, the owner of the Parley number a
 * phone texted (or that they text from), and one outside party, a phone number on a channel. The
 * party's messages arrive as `notifications.TextReceived`; the owner's replies leave as
 * `messaging.TextRequested` (written with the message, `send-message.ts`) and come back as
 * `notifications.TextStatusChanged`, stored as the message's `delivery`.
 */

export type TextingDeps = ConversationDeps & { numberOwners: NumberOwners };

const E164 = /^\+[1-9]\d{6,14}$/;

/** The same owner, channel and party number always give the same conversation (a conditional create converges). */
export function textConversationId(ownerId: string, channel: TextChannel, phoneNumber: string): string {
  return `t_${createHash('sha256').update(`${ownerId}\n${channel}\n${phoneNumber}`).digest('base64url').slice(0, 32)}`;
}

/**
 * `ref` of a text Parley sends for a message (`TextRequested` → notifications → `TextStatusChanged.ref`):
 * the conversation and the message, so the status finds the message in one read. `.` is in no id.
 */
export const deliveryRef = (conversationId: string, messageId: string) => `${conversationId}.${messageId}`;

function parseRef(ref: string): { conversationId: string; messageId: string; seq: number } | undefined {
  const [conversationId, messageId, ...rest] = ref.split('.');
  if (!conversationId || !messageId || rest.length) return undefined;
  const seq = seqOfMessageId(messageId);
  return seq === undefined ? undefined : { conversationId, messageId, seq };
}

/** numbers.NumberAssigned / NumberReleased → who owns which Parley number (newest event wins). */
export async function recordNumberOwner(
  deps: { numberOwners: NumberOwners },
  input: { e164: string; userId?: string; at: string },
): Promise<'applied' | 'stale'> {
  return (await deps.numberOwners.apply(input)) ? 'applied' : 'stale';
}

/** The text conversation of `ownerId` with `party`, created (with its event and inbox entry) if needed. */
async function ensureTextConversation(
  deps: TextingDeps,
  ownerId: string,
  party: Party,
): Promise<{ conversation: Conversation; created: boolean }> {
  const id = textConversationId(ownerId, party.channel, party.phoneNumber);
  const existing = await deps.conversations.get(id);
  if (existing) return { conversation: existing, created: false };
  const now = deps.clock.now().toISOString();
  const conversation: Conversation = {
    id,
    kind: party.channel,
    createdBy: ownerId,
    createdAt: now,
    memberIds: [ownerId],
    adminIds: [],
    membersVersion: 1,
    seqAllocated: 0,
    lastActivityAt: now,
    party,
  };
  const created = newEvent(
    deps,
    ConversationCreated,
    {
      conversationId: id,
      kind: party.channel,
      createdBy: ownerId,
      createdAt: now,
      memberIds: [ownerId],
      adminIds: [],
      party,
    },
    [ownerId],
  );
  if ((await deps.conversations.create(conversation, [created])) === 'exists') {
    const winner = await deps.conversations.get(id);
    if (!winner) throw new Error(`text conversation ${id} exists but cannot be read`);
    return { conversation: winner, created: false };
  }
  await afterWrite(deps, {
    inbox: () => deps.members.ensure(id, [ownerId], now),
    publish: publishStep(deps.relay, [created]),
  });
  return { conversation, created: true };
}

/**
 * `POST /conversations {kind: 'sms'|'whatsapp', phoneNumber, via?}`: the caller's text conversation
 * with that number, from one of their Parley numbers (`via`, or the first they own). Someone who owns
 * no Parley number cannot text (`NoParleyNumber`, 403); `via` must be theirs (422).
 */
export async function startTextConversation(
  deps: TextingDeps,
  input: { callerId: string; kind: TextChannel; phoneNumber: string; via?: string },
): Promise<{ conversation: ConversationView; created: boolean }> {
  if (!E164.test(input.phoneNumber)) {
    throw new InvalidConversation('phoneNumber must be an E.164 phone number, e.g. +41791234567.');
  }
  const numbers = await deps.numberOwners.numbersOf(input.callerId);
  if (numbers.length === 0) throw new NoParleyNumber('You have no Parley number to text from.');
  const via = input.via ?? (numbers[0] as string);
  if (!numbers.includes(via)) throw new InvalidConversation('via must be one of your Parley numbers.');
  if (numbers.includes(input.phoneNumber)) throw new InvalidConversation('You cannot text your own Parley number.');
  const { conversation, created } = await ensureTextConversation(deps, input.callerId, {
    phoneNumber: input.phoneNumber,
    channel: input.kind,
    via,
  });
  const me = await deps.members.get(conversation.id, input.callerId);
  const lastReadSeq = me?.lastReadSeq ?? 0;
  return {
    conversation: conversationView(conversation, {
      userId: input.callerId,
      lastReadSeq,
      unreadCount: created ? 0 : await unreadCount(deps.messages, conversation, input.callerId, lastReadSeq),
      ...(me ? { state: me } : {}),
    }),
    created,
  };
}

/** Provider ids that are no `Id` (a WhatsApp `wamid.…`) are hashed into one: the claim key stays one per text. */
function clientMessageIdOf(providerMessageId: string): string {
  if (/^[A-Za-z0-9_-]{1,64}$/.test(providerMessageId)) return providerMessageId;
  return `p_${createHash('sha256').update(providerMessageId).digest('base64url').slice(0, 40)}`;
}

/**
 * The ledger's line for a WhatsApp message a phone sent to the owner's number (ADR 0029): the
 * provider bills each WhatsApp message received as it bills one sent, so it is one `message` at the
 * one WhatsApp price, charged to the owner; `country` is the sender's where the price table knows its
 * calling code. Its usage id is derived from the provider's message id, so one text is one line.
 */
export function inboundWhatsAppUsage(
  ownerId: string,
  message: Pick<Message, 'id' | 'conversationId' | 'clientMessageId' | 'sentAt'>,
  input: { from: string; providerMessageId: string },
): EventData<typeof UsageRecorded> {
  const { country } = smsPriceFor(callingCode(input.from));
  return {
    usageId: `wa-in-${message.clientMessageId}`.slice(0, 64),
    userId: ownerId,
    feature: 'whatsapp-message',
    quantity: 1,
    unit: 'message',
    unitPrice: fromMicros(WHATSAPP_MESSAGE.unitPriceMicros),
    currency: 'USD',
    at: message.sentAt,
    amountMicros: WHATSAPP_MESSAGE.unitPriceMicros,
    ...(country ? { country } : {}),
    direction: 'inbound',
    reason: 'text-received',
    conversationId: message.conversationId,
    messageId: message.id,
    providerMessageId: input.providerMessageId,
  };
}

/**
 * notifications.TextReceived → a message from the party in the owner's text conversation (created if
 * needed). Idempotent on the provider's message id (the clientMessageId claim of the party): a
 * redelivered text is appended once. A text to a number nobody owns is dropped (`no-owner`). A
 * WhatsApp message also writes its `messaging.UsageRecorded` in the same transaction (an SMS received
 * is not charged: ADR 0029).
 */
export async function receiveText(
  deps: TextingDeps,
  input: {
    channel: TextChannel;
    from: string;
    to: string;
    body: string;
    providerMessageId: string;
    receivedAt: string;
  },
): Promise<'appended' | 'duplicate' | 'no-owner'> {
  const ownerId = await deps.numberOwners.ownerOf(input.to);
  if (!ownerId) return 'no-owner';
  const { conversation } = await ensureTextConversation(deps, ownerId, {
    phoneNumber: input.from,
    channel: input.channel,
    via: input.to,
  });
  const senderId = partySenderId({ channel: input.channel, phoneNumber: input.from });
  const clientMessageId = clientMessageIdOf(input.providerMessageId);
  // what a phone can send and an event can carry: no control characters but new lines and tabs
  const text = Array.from(input.body.replace(/[^\P{Cc}\n\t]/gu, ''))
    .join('')
    .slice(0, LIMITS.maxTextLength);
  // the reply window counts from when the phone wrote, never from later than now (a provider's clock ahead)
  const now = deps.clock.now();
  const written = Date.parse(input.receivedAt);
  const inboundAt = Number.isNaN(written) || written > now.getTime() ? now.toISOString() : input.receivedAt;
  const appended = await appendMessage(deps, conversation, {
    message: { senderId, clientMessageId, text, attachments: [], reactions: [] },
    inboundAt,
    eventsFor: (message) => [
      newEvent(deps, MessageSent, messageSentData(message), [ownerId]),
      ...(input.channel === 'whatsapp'
        ? [newEvent(deps, UsageRecorded, inboundWhatsAppUsage(ownerId, message, input), [])]
        : []),
    ],
    conditions: { memberId: ownerId },
    again: async (fromStore) => fromStore ?? (await memberConversation(deps.conversations, conversation.id, ownerId)),
  });
  if (appended.outcome === 'created') return 'appended';
  if (appended.outcome === 'duplicate') return 'duplicate';
  throw new Error(`text to ${conversation.id} not appended: ${appended.outcome}`);
}

const RANK: Record<Delivery['status'], number> = { sent: 1, delivered: 2, failed: 3 };

/** Whether a text's delivery may move from `from` to `to`: forward only (sent < delivered), failed is final. */
export function deliveryMovesTo(from: Delivery['status'] | undefined, to: Delivery['status']): boolean {
  if (from === undefined) return true;
  if (from === 'failed' || from === 'delivered') return false;
  return RANK[to] > RANK[from];
}

/**
 * notifications.TextStatusChanged with a `ref` of ours → the message's `delivery`, only forward, and
 * `messaging.MessageDeliveryChanged` to the owner (a frame). A ref that is not ours, an unknown
 * message, a status that does not move it forward: `ignored`.
 */
export async function recordDelivery(
  deps: Pick<TextingDeps, 'conversations' | 'messages' | 'relay' | 'clock' | 'diagnostics'>,
  input: { ref: string; status: Delivery['status']; reason?: string },
): Promise<'applied' | 'ignored'> {
  const key = parseRef(input.ref);
  if (!key) return 'ignored';
  for (let attempt = 0; attempt < 5; attempt++) {
    const [conversation, message] = await Promise.all([
      deps.conversations.get(key.conversationId),
      deps.messages.get(key.conversationId, key.seq),
    ]);
    if (!conversation?.party || !message || message.id !== key.messageId) return 'ignored';
    const current = message.delivery?.status;
    if (!deliveryMovesTo(current, input.status)) return 'ignored';
    const reason = input.status === 'failed' && input.reason ? input.reason.slice(0, 256) : undefined;
    const delivery: Delivery = {
      status: input.status,
      ...(reason ? { reason } : {}),
      at: deps.clock.now().toISOString(),
    };
    const changed = newEvent(
      deps,
      MessageDeliveryChanged,
      {
        conversationId: conversation.id,
        messageId: message.id,
        seq: message.seq,
        delivery: input.status,
        ...(reason ? { reason } : {}),
      },
      conversation.memberIds,
    );
    if (await deps.messages.setDelivery(key, { delivery, expected: current }, [changed])) {
      await afterWrite(deps, { publish: publishStep(deps.relay, [changed]) });
      return 'applied';
    }
    // another status changed the message meanwhile: read it again
  }
  throw new Error(`delivery of ${input.ref} kept changing`);
}
