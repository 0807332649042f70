/** Messaging's domain model: plain data, no AWS types. */

export const LIMITS = {
  /** people per conversation, the creator included */
  maxMembers: 256,
  /** characters (UTF-16 code units, as JavaScript counts them) */
  maxTextLength: 4000,
  /** characters shown in events, the conversation list and reply quotes */
  previewLength: 140,
  /** a message's text travels in full inside its event only up to this many UTF-8 bytes (frames < 32 KB) */
  maxInlineTextBytes: 8192,
  maxAttachmentsPerMessage: 10,
  maxAttachmentBytes: 25 * 1024 * 1024,
  /** distinct emoji on one message */
  maxReactionsPerMessage: 50,
  maxEmojiLength: 32,
  maxPageSize: 100,
  /** unread counts are exact up to this many newer messages */
  unreadCap: 100,
  /** a presigned PUT lives this long (ADR 0016): a slot's upload is one short attempt */
  uploadUrlSeconds: 5 * 60,
  downloadUrlSeconds: 5 * 60,
} as const;

export type ConversationKind = 'direct' | 'group' | 'sms' | 'whatsapp';
export type TextChannel = 'sms' | 'whatsapp';

/**
 * The outside side of a text conversation (kind `sms` / `whatsapp`): a phone number on a channel,
 * reached through `via`, the Parley number its one member owns.
 */
export interface Party {
  phoneNumber: string;
  channel: TextChannel;
  via: string;
}

/** How far a text Parley sent got (a message of a text conversation written by its owner). */
export interface Delivery {
  status: 'sent' | 'delivered' | 'failed';
  reason?: string;
  at: string;
}

/**
 * WhatsApp (Meta's Business API) accepts a free-form message only within 24 hours of the person's last
 * message to the business, the "customer service window"; outside it only approved templates (ADR 0030).
 */
export const WHATSAPP_REPLY_WINDOW_MS = 24 * 60 * 60 * 1000;

export const isTextKind = (kind: ConversationKind): kind is TextChannel => kind === 'sms' || kind === 'whatsapp';

/**
 * When WhatsApp's reply window of a conversation closes: 24 h after the party's last message; `null`
 * when they never wrote (closed); `undefined` for every other kind (no window).
 */
export function replyWindowEndsAt(
  conversation: Pick<Conversation, 'kind' | 'lastInboundAt' | 'lastMessage'>,
): string | null | undefined {
  if (conversation.kind !== 'whatsapp') return undefined;
  // a phone that last wrote before `lastInboundAt` was kept: the newest message, if it is theirs
  const last = conversation.lastMessage;
  const since = conversation.lastInboundAt ?? (last?.senderId.startsWith('wa:') ? last.sentAt : undefined);
  if (!since) return null;
  return new Date(Date.parse(since) + WHATSAPP_REPLY_WINDOW_MS).toISOString();
}

/** Whether a reply may be sent now: always but in WhatsApp, where only strictly before the window's end. */
export function replyWindowOpen(
  conversation: Pick<Conversation, 'kind' | 'lastInboundAt' | 'lastMessage'>,
  now: Date,
): boolean {
  const endsAt = replyWindowEndsAt(conversation);
  if (endsAt === undefined) return true;
  return endsAt !== null && now.getTime() < Date.parse(endsAt);
}

/** The sender id of the party's messages: `tel:+4179…` / `wa:+4179…`, never a user id. */
export const partySenderId = (party: Pick<Party, 'channel' | 'phoneNumber'>): string =>
  `${party.channel === 'sms' ? 'tel' : 'wa'}:${party.phoneNumber}`;

/** The newest message of a conversation, as shown on the list. */
export interface LastMessage {
  messageId: string;
  seq: number;
  senderId: string;
  preview: string;
  sentAt: string;
  deleted: boolean;
}

export interface Conversation {
  id: string;
  kind: ConversationKind;
  title?: string;
  createdBy: string;
  createdAt: string;
  /** Source of truth for membership: every access check reads it. */
  memberIds: string[];
  adminIds: string[];
  /** Increases with every membership change; guards concurrent changes (optimistic concurrency). */
  membersVersion: number;
  /** Highest seq handed out so far (a send that failed after allocating leaves a gap). */
  seqAllocated: number;
  lastMessage?: LastMessage;
  lastActivityAt: string;
  /**
   * Members who have not accepted the conversation: a message request (a first direct message from
   * someone they do not have as a contact), a group they were added to by such a person, or one they
   * had left and were added to again. They still get its messages; they share no presence through
   * it and get no SMS for it until they accept (or reply).
   */
  pendingIds?: string[];
  /** Members who declined a direct conversation: it is hidden from them and nothing of it reaches them. */
  declinedIds?: string[];
  /** People who left this group themselves: adding them again makes it a request. */
  leftIds?: string[];
  /** kind `sms` / `whatsapp`: the phone number on the other side */
  party?: Party;
  /**
   * kind `sms` / `whatsapp`: when the party last wrote (the provider's time of their newest text, never
   * later than its arrival), kept on the conversation by the inbound append: it opens WhatsApp's 24 h
   * customer service window, read with the conversation the send path reads anyway.
   */
  lastInboundAt?: string;
}

/** One member's own state in a conversation: the inbox entry and the read marker. */
export interface MemberState {
  conversationId: string;
  userId: string;
  lastReadSeq: number;
  readAt?: string;
  /** the member's own choices for this conversation (`preferences.ts`); nobody else sees them */
  muted?: boolean;
  pinned?: boolean;
  /** when they archived it; a newer message unarchives it unless it is muted (`isArchived`) */
  archivedAt?: string;
}

export interface AttachmentInfo {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  kind: 'image' | 'file';
}

export interface ReplyPreview {
  messageId: string;
  seq: number;
  senderId: string;
  preview: string;
}

export interface Reaction {
  emoji: string;
  userIds: string[];
}

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string;
  clientMessageId: string;
  /** null once deleted (the tombstone keeps its seq, sender and time) */
  text: string | null;
  attachments: AttachmentInfo[];
  replyTo?: ReplyPreview;
  reactions: Reaction[];
  sentAt: string;
  editedAt?: string;
  deletedAt?: string;
  /** Increases with every change; guards concurrent edits and reactions. */
  version: number;
  /** a text the owner of an sms / whatsapp conversation sent: how far it got (absent until the first status) */
  delivery?: Delivery;
}

export interface Attachment extends AttachmentInfo {
  conversationId: string;
  uploaderId: string;
  /**
   * object key in the attachments bucket that downloads read: the copy made when a message first
   * showed it (ADR 0016); never derived from the file name
   */
  key: string;
  /** where the presigned PUT writes; absent on attachments from before ADR 0016 (their `key` was both) */
  uploadKey?: string;
  /** SHA-256 of the bytes (base64, as S3's `x-amz-checksum-sha256`) the uploader announced */
  checksumSha256?: string;
  createdAt: string;
  /** when a message first showed it: its bytes were checked against the checksum and copied to `key` */
  frozenAt?: string;
  /** when the sweep removes it and its objects (an unsent slot, or a discarded attachment); none once sent */
  sweepAfter?: string;
  /** set when the message that showed it was deleted (or the slot expired): nobody can fetch it any more */
  discardedAt?: string;
}

export const isMember = (conversation: Conversation, userId: string): boolean =>
  conversation.memberIds.includes(userId);

/** Whether `userId` has yet to accept the conversation (pending or declined). */
export const hasNotAccepted = (conversation: Conversation, userId: string): boolean =>
  (conversation.pendingIds ?? []).includes(userId) || (conversation.declinedIds ?? []).includes(userId);

/** Who hears a conversation's events: its members, except those who declined it. */
export const audienceOf = (conversation: Conversation): string[] => {
  const declined = conversation.declinedIds ?? [];
  return declined.length ? conversation.memberIds.filter((id) => !declined.includes(id)) : conversation.memberIds;
};

/** First `LIMITS.previewLength` characters on one line, cut on a code point boundary. */
export function previewOf(text: string | null | undefined): string {
  const oneLine = (text ?? '').replace(/\s+/g, ' ').trim();
  const chars = Array.from(oneLine);
  if (chars.length <= LIMITS.previewLength) return oneLine;
  return `${chars.slice(0, LIMITS.previewLength - 1).join('')}…`;
}

/** The one-line preview of a message: its text, or "📎 report.pdf +2" for attachments only. */
export function listPreview(message: Pick<Message, 'text' | 'attachments'>): string {
  const text = previewOf(message.text);
  const first = message.attachments[0];
  if (text || !first) return text;
  const more = message.attachments.length > 1 ? ` +${message.attachments.length - 1}` : '';
  return previewOf(`📎 ${first.fileName}${more}`);
}

/**
 * Message ids carry their seq (`m<seq>_<random>`), so a message is one strongly consistent
 * read away and needs no lookup item; the random part makes ids unguessable and unique.
 */
export function messageIdOf(seq: number, random: string): string {
  return `m${seq}_${random}`;
}

export function seqOfMessageId(messageId: string): number | undefined {
  const match = /^m([1-9]\d{0,11})_[A-Za-z0-9_-]+$/.exec(messageId);
  return match ? Number(match[1]) : undefined;
}
