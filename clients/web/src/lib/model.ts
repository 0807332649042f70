import type { EventData } from '@parley/events/define-event';
import type { ProfileUpdated } from '@parley/events/identity';
import type { ConversationCreated, MessageDeliveryChanged, MessageEdited, MessageSent } from '@parley/events/messaging';
import type { PresenceChanged } from '@parley/events/notifications';

/**
 * The client's view of Parley's resources, and tolerant readers that turn API JSON into it. The
 * field types come from the event catalog (`@parley/events`, the zod schemas the services publish
 * with), so a change there fails the client's type check instead of drifting from it. The HTTP API
 * fixes minimum shapes and lets services add fields, so readers take what they know, accept a few
 * equivalent spellings (`id`/`userId`, ids or member objects) and ignore the rest.
 */

type Sent = EventData<typeof MessageSent>;
type SentReply = NonNullable<Sent['replyTo']>;

/** A public profile; the editable fields are those `identity.ProfileUpdated` carries. */
export interface Profile
  extends Pick<
    Partial<EventData<typeof ProfileUpdated>>,
    'statusMessage' | 'locale' | 'timeZone' | 'mobileNumber' | 'mobileVerified'
  > {
  id: EventData<typeof ProfileUpdated>['userId'];
  displayName: EventData<typeof ProfileUpdated>['displayName'];
  email?: string;
  /** my own profile: whether I opened the verification link mailed to `email` (ADR 0020) */
  emailVerified?: boolean;
  /** directory results: the part of the email after `@`, to tell two people of one name apart */
  emailDomain?: string;
  avatarUrl?: string;
  roles: string[];
}

/** Attachment metadata as a message carries it (the bytes stay in S3). */
export type Attachment = Sent['attachments'][number];

/** The quoted message a reply points at; a reply known only by `replyToId` has just the id. */
export type ReplyPreview = Pick<SentReply, 'messageId' | 'preview'> & Partial<Pick<SentReply, 'seq' | 'senderId'>>;

/** One emoji on a message: how many reacted, and whether I did (the client's view of `ReactionChanged`). */
export interface Reaction {
  emoji: string;
  count: number;
  mine: boolean;
  /** who reacted, when the server said (REST reads do; frames keep it up to date) */
  userIds?: string[];
}

export type DeliveryState = 'sent' | 'pending' | 'failed';

/** A text conversation's message of mine as the phone network reported it (`messaging.MessageDeliveryChanged`). */
export interface TextDelivery {
  status: EventData<typeof MessageDeliveryChanged>['delivery'];
  reason?: string;
}

/** The phone number on the other side of a text conversation (kind `sms` / `whatsapp`). */
export type Party = NonNullable<EventData<typeof ConversationCreated>['party']>;

/** A sender id that is a phone (`tel:+…` / `wa:+…`, ADR 0028), never a user id. */
const PARTY_ID = /^(tel|wa):(\+[1-9]\d{6,14})$/;

/** The phone number of a party sender id (`tel:+41…` → `+41…`); undefined for a user id. */
export function partyNumber(senderId: string | undefined): string | undefined {
  return senderId ? PARTY_ID.exec(senderId)?.[2] : undefined;
}

/** Whether a conversation is with a phone number (SMS or WhatsApp) rather than people. */
export const isTextKind = (kind: string | undefined): kind is 'sms' | 'whatsapp' =>
  kind === 'sms' || kind === 'whatsapp';

/** A message as shown; written here it is `pending` (seq 0) until the server numbers it. */
export interface Message extends Pick<Sent, 'conversationId' | 'seq' | 'senderId' | 'sentAt' | 'attachments'> {
  id: Sent['messageId'];
  clientMessageId?: Sent['clientMessageId'];
  text: string;
  editedAt?: EventData<typeof MessageEdited>['editedAt'];
  deleted: boolean;
  replyTo?: ReplyPreview;
  reactions: Reaction[];
  state: DeliveryState;
  /** why the server refused it (a `failed` message only): the API error's code and message */
  failure?: { code: string; message: string };
  /** a text conversation: how far my message got to the phone */
  delivery?: TextDelivery;
}

export interface LastMessage extends Pick<Sent, 'seq' | 'senderId' | 'preview' | 'sentAt'> {
  deleted?: boolean;
  hasAttachments?: boolean;
}

export interface Conversation {
  id: Sent['conversationId'];
  kind: EventData<typeof ConversationCreated>['kind'];
  title?: EventData<typeof ConversationCreated>['title'];
  memberIds: EventData<typeof ConversationCreated>['memberIds'];
  lastMessage?: LastMessage;
  lastSeq: number;
  unreadCount: number;
  /** read marker per member (read receipts) */
  readSeqs: Record<string, number>;
  /** newest activity, for ordering */
  activityAt: string;
  /** I have not accepted it yet: a message request (or a group someone I don't know added me to) */
  request?: boolean;
  /** I declined it: it stays out of my list */
  declined?: boolean;
  /** a group's admins (they remove people and make admins) */
  adminIds?: string[];
  /** when each member's read marker last moved (the single-conversation read carries it) */
  readAts?: Record<string, string>;
  /** my own preferences for it (nobody else sees them): muted skips notifications and the unread total */
  muted?: boolean;
  /** archived: shown under "Archived" until a message arrives (a muted one stays) */
  archived?: boolean;
  /** pinned to the top of my list */
  pinned?: boolean;
  /** kind `sms` / `whatsapp`: the phone number I am texting with */
  party?: Party;
  /**
   * kind `whatsapp`: when WhatsApp stops accepting my replies (24 h after their last message,
   * `reply-window.ts`); `null`: they never wrote, so it is closed; absent: the server did not say
   */
  replyWindowEndsAt?: string | null;
}

export interface Session {
  id: string;
  createdAt?: string;
  lastUsedAt?: string;
  userAgent?: string;
  current: boolean;
}

export interface Presence {
  status: EventData<typeof PresenceChanged>['status'];
  lastSeenAt?: EventData<typeof PresenceChanged>['lastSeenAt'];
}

export type NotificationPreferences = Record<string, boolean | string | number>;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** `{items:[…]}` or a bare array → the array. */
export function itemsOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (isObject(body) && Array.isArray(body.items)) return body.items;
  return [];
}

export function readProfile(raw: unknown): Profile | undefined {
  const o = isObject(raw) && isObject(raw.user) ? raw.user : raw;
  if (!isObject(o)) return undefined;
  const id = str(o.id) ?? str(o.userId) ?? str(o.contactId);
  if (!id) return undefined;
  return {
    id,
    displayName: str(o.displayName) ?? str(o.name) ?? str(o.email) ?? id,
    email: str(o.email),
    statusMessage: str(o.statusMessage),
    locale: str(o.locale),
    timeZone: str(o.timeZone),
    mobileNumber: str(o.mobileNumber),
    mobileVerified: typeof o.mobileVerified === 'boolean' ? o.mobileVerified : undefined,
    emailVerified: typeof o.emailVerified === 'boolean' ? o.emailVerified : undefined,
    emailDomain: str(o.emailDomain),
    avatarUrl: str(o.avatarUrl),
    roles: Array.isArray(o.roles) ? o.roles.filter((r): r is string => typeof r === 'string') : [],
  };
}

export function readAttachment(raw: unknown): Attachment | undefined {
  if (!isObject(raw)) return undefined;
  const id = str(raw.id) ?? str(raw.attachmentId);
  if (!id) return undefined;
  const contentType = str(raw.contentType) ?? 'application/octet-stream';
  const kind = raw.kind === 'image' || contentType.startsWith('image/') ? 'image' : 'file';
  return { id, fileName: str(raw.fileName) ?? 'file', contentType, size: num(raw.size) ?? 0, kind };
}

/** Reactions as `[{emoji,count,userIds?|mine?}]`, `{emoji:[userIds]}` or `{emoji:count}`. */
export function readReactions(raw: unknown, me: string): Reaction[] {
  const out: Reaction[] = [];
  const push = (emoji: string, count: number, rawIds?: unknown, mine?: unknown) => {
    const ids = Array.isArray(rawIds) ? rawIds : undefined;
    const userIds = ids?.filter((id): id is string => typeof id === 'string');
    if (count > 0)
      out.push({ emoji, count, mine: mine === true || (ids?.includes(me) ?? false), ...(userIds ? { userIds } : {}) });
  };
  if (Array.isArray(raw)) {
    for (const r of raw) {
      if (!isObject(r) || !str(r.emoji)) continue;
      const ids = Array.isArray(r.userIds) ? r.userIds : undefined;
      push(r.emoji as string, num(r.count) ?? ids?.length ?? 0, ids, r.mine ?? r.me ?? r.reactedByMe);
    }
  } else if (isObject(raw)) {
    for (const [emoji, value] of Object.entries(raw)) {
      if (Array.isArray(value)) push(emoji, value.length, value);
      else if (typeof value === 'number') push(emoji, value);
      else if (isObject(value)) {
        const ids = Array.isArray(value.userIds) ? value.userIds : undefined;
        push(emoji, num(value.count) ?? ids?.length ?? 0, ids, value.mine);
      }
    }
  }
  return out;
}

function readReply(o: Json): ReplyPreview | undefined {
  if (isObject(o.replyTo)) {
    const r = o.replyTo;
    const messageId = str(r.messageId) ?? str(r.id);
    if (messageId) {
      return { messageId, seq: num(r.seq), senderId: str(r.senderId), preview: str(r.preview) ?? str(r.text) ?? '' };
    }
  }
  const replyToId = str(o.replyToId);
  return replyToId ? { messageId: replyToId, preview: '' } : undefined;
}

export function readMessage(raw: unknown, me: string): Message | undefined {
  const o = isObject(raw) && isObject(raw.message) ? raw.message : raw;
  if (!isObject(o)) return undefined;
  const id = str(o.id) ?? str(o.messageId);
  const seq = num(o.seq);
  if (!id || seq === undefined) return undefined;
  const deleted = o.deleted === true || typeof o.deletedAt === 'string';
  return {
    id,
    clientMessageId: str(o.clientMessageId),
    conversationId: str(o.conversationId) ?? '',
    seq,
    senderId: str(o.senderId) ?? '',
    text: deleted ? '' : (str(o.text) ?? ''),
    sentAt: str(o.sentAt) ?? str(o.createdAt) ?? new Date().toISOString(),
    editedAt: str(o.editedAt),
    deleted,
    attachments: deleted
      ? []
      : (Array.isArray(o.attachments) ? o.attachments : []).flatMap((a) => readAttachment(a) ?? []),
    replyTo: readReply(o),
    reactions: deleted ? [] : readReactions(o.reactions, me),
    state: 'sent',
    ...readDelivery(o.delivery),
  };
}

const DELIVERY = ['sent', 'delivered', 'failed'] as const;

/** `delivery` as `{status, reason?}` or a bare status. */
export function readDelivery(raw: unknown): { delivery?: TextDelivery } {
  const o = isObject(raw) ? raw : { status: raw };
  const status = DELIVERY.find((d) => d === o.status);
  if (!status) return {};
  const reason = str(o.reason);
  return { delivery: reason ? { status, reason } : { status } };
}

function readParty(raw: unknown): Party | undefined {
  if (!isObject(raw)) return undefined;
  const phoneNumber = str(raw.phoneNumber);
  const channel = raw.channel === 'whatsapp' ? 'whatsapp' : raw.channel === 'sms' ? 'sms' : undefined;
  if (!phoneNumber || !channel) return undefined;
  return { phoneNumber, channel, via: str(raw.via) ?? '' };
}

function readKind(kind: unknown): Conversation['kind'] {
  return kind === 'group' || kind === 'sms' || kind === 'whatsapp' ? kind : 'direct';
}

function readMembers(o: Json): {
  memberIds: string[];
  readSeqs: Record<string, number>;
  adminIds: string[];
  readAts: Record<string, string>;
} {
  const readSeqs: Record<string, number> = {};
  const memberIds: string[] = [];
  const adminIds: string[] = Array.isArray(o.adminIds) ? o.adminIds.filter((id) => typeof id === 'string') : [];
  const readAts: Record<string, string> = {};
  const list = Array.isArray(o.members) ? o.members : Array.isArray(o.memberIds) ? o.memberIds : [];
  for (const m of list) {
    if (typeof m === 'string') memberIds.push(m);
    else if (isObject(m)) {
      const id = str(m.userId) ?? str(m.id);
      if (!id) continue;
      memberIds.push(id);
      const read = num(m.lastReadSeq) ?? num(m.readSeq);
      if (read !== undefined) readSeqs[id] = read;
      if (m.role === 'admin' && !adminIds.includes(id)) adminIds.push(id);
      const readAt = str(m.readAt);
      if (readAt) readAts[id] = readAt;
    }
  }
  const markers = o.readMarkers ?? o.readSeqs ?? o.reads;
  if (isObject(markers)) {
    for (const [id, v] of Object.entries(markers)) if (typeof v === 'number') readSeqs[id] = v;
  } else if (Array.isArray(markers)) {
    for (const m of markers) {
      if (isObject(m) && str(m.userId) && num(m.seq) !== undefined) readSeqs[m.userId as string] = m.seq as number;
    }
  }
  return { memberIds, readSeqs, adminIds, readAts };
}

function readLastMessage(raw: unknown): LastMessage | undefined {
  if (!isObject(raw)) return undefined;
  const seq = num(raw.seq);
  if (seq === undefined) return undefined;
  const attachments = Array.isArray(raw.attachments) ? raw.attachments.length : 0;
  return {
    seq,
    senderId: str(raw.senderId) ?? '',
    preview: str(raw.preview) ?? str(raw.text) ?? '',
    sentAt: str(raw.sentAt) ?? str(raw.createdAt) ?? '',
    deleted: raw.deleted === true || typeof raw.deletedAt === 'string',
    hasAttachments: attachments > 0 || raw.hasAttachments === true,
  };
}

/** A conversation; `me` picks up the viewer's own read marker (`lastReadSeq`) when the list sends it. */
export function readConversation(raw: unknown, me?: string): Conversation | undefined {
  const o = isObject(raw) && isObject(raw.conversation) ? raw.conversation : raw;
  if (!isObject(o)) return undefined;
  const id = str(o.id) ?? str(o.conversationId);
  if (!id) return undefined;
  const { memberIds, readSeqs, adminIds, readAts } = readMembers(o);
  const mine = num(o.lastReadSeq);
  if (me && mine !== undefined) readSeqs[me] = Math.max(readSeqs[me] ?? 0, mine);
  const lastMessage = readLastMessage(o.lastMessage);
  const lastSeq = Math.max(num(o.lastSeq) ?? 0, lastMessage?.seq ?? 0);
  const kind = readKind(o.kind);
  const party = isTextKind(kind) ? readParty(o.party) : undefined;
  return {
    id,
    kind,
    ...(party ? { party } : {}),
    ...(kind === 'whatsapp' && (o.replyWindowEndsAt === null || str(o.replyWindowEndsAt))
      ? { replyWindowEndsAt: (o.replyWindowEndsAt as string | null) ?? null }
      : {}),
    title: str(o.title),
    memberIds,
    lastMessage,
    lastSeq,
    unreadCount: num(o.unreadCount) ?? 0,
    readSeqs,
    ...(o.request === true ? { request: true } : {}),
    ...(o.declined === true ? { declined: true } : {}),
    ...(adminIds.length ? { adminIds } : {}),
    ...(Object.keys(readAts).length ? { readAts } : {}),
    ...(typeof o.muted === 'boolean' ? { muted: o.muted } : {}),
    ...(typeof o.archived === 'boolean' ? { archived: o.archived } : {}),
    ...(typeof o.pinned === 'boolean' ? { pinned: o.pinned } : {}),
    activityAt:
      lastMessage?.sentAt || str(o.lastActivityAt) || str(o.updatedAt) || str(o.createdAt) || new Date(0).toISOString(),
  };
}

export function readSession(raw: unknown, currentId?: string): Session | undefined {
  if (!isObject(raw)) return undefined;
  const id = str(raw.id) ?? str(raw.sessionId);
  if (!id) return undefined;
  return {
    id,
    createdAt: str(raw.createdAt),
    lastUsedAt: str(raw.lastUsedAt) ?? str(raw.lastSeenAt) ?? str(raw.refreshedAt),
    userAgent: str(raw.userAgent) ?? str(raw.device),
    current: raw.current === true || id === currentId,
  };
}
