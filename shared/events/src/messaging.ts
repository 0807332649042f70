import * as z from 'zod';
import { defineEvent } from './define-event.ts';
import { E164, Id, SenderId } from './ids.ts';
import { usageLineFields } from './usage.ts';

/**
 * Messaging events. Every one is published with `audience` = the conversation's members (for
 * MembersChanged also the people just removed), so notifications can fan it out without any
 * domain knowledge. Frames pushed to browsers must stay under 32 KB: message events carry a
 * `preview` (≤ 140 chars) and the full `text` only when it is small (`truncated` says which);
 * clients fetch the rest through `GET /messaging/conversations/{id}/messages`.
 */

// This module exports only event definitions: catalog.ts lists `Object.values` of it.
/** At most 256 members per conversation (the creator included). */
const MAX_MEMBERS = 256;
/** Longest text shown in an event or on the conversation list. */
const PREVIEW_LENGTH = 140;

const MemberIds = z.array(Id).min(1).max(MAX_MEMBERS);
const Preview = z.string().max(PREVIEW_LENGTH);
const ConversationKind = z.enum(['direct', 'group', 'sms', 'whatsapp']);
/** The channel of a text conversation (kind `sms` / `whatsapp`). */
const TextChannel = z.enum(['sms', 'whatsapp']);
/** The outside party of a text conversation: their number, the channel, and the Parley number used (`via`). */
const Party = z.object({ phoneNumber: E164, channel: TextChannel, via: E164 });

/** Attachment metadata as shown on a message (the bytes stay in S3). */
const AttachmentInfo = z.object({
  id: Id,
  fileName: z.string().min(1).max(255),
  contentType: z.string().min(1).max(255),
  size: z.number().int().nonnegative(),
  kind: z.enum(['image', 'file']),
});

/** The quoted message a reply points at. */
const ReplyPreview = z.object({
  messageId: Id,
  seq: z.number().int().positive(),
  senderId: SenderId,
  preview: Preview,
});

export const ConversationCreated = defineEvent({
  source: 'parley.messaging',
  detailType: 'messaging.ConversationCreated',
  version: 1,
  description: 'A direct conversation or a group was created. Carries the full member list (projection seed).',
  data: z.object({
    conversationId: Id,
    kind: ConversationKind,
    title: z.string().max(120).optional(),
    createdBy: Id,
    createdAt: z.iso.datetime(),
    memberIds: MemberIds,
    adminIds: z.array(Id).max(MAX_MEMBERS),
    /**
     * Members who have not accepted the conversation yet (a message request, or a group they were added to
     * by someone they do not have as a contact, or re-added to after leaving). Absent means none.
     */
    pendingIds: z.array(Id).max(MAX_MEMBERS).optional(),
    /** kind `sms` / `whatsapp`: the phone number on the other side (the one member is the Parley number's owner) */
    party: Party.optional(),
  }),
});

export const MembersChanged = defineEvent({
  source: 'parley.messaging',
  detailType: 'messaging.MembersChanged',
  version: 1,
  description:
    'People joined or left a group, a member accepted it, or an admin made someone an admin. `memberIds` is the full member list after the change (replace, do not merge).',
  data: z.object({
    conversationId: Id,
    memberIds: z.array(Id).max(MAX_MEMBERS),
    adminIds: z.array(Id).max(MAX_MEMBERS),
    added: z.array(Id).max(MAX_MEMBERS),
    removed: z.array(Id).max(MAX_MEMBERS),
    changedBy: Id,
    changedAt: z.iso.datetime(),
    /** Increases with every membership change of this conversation: a consumer keeps the highest. */
    membersVersion: z.number().int().positive(),
    /** Members who have not accepted the conversation (after the change); absent means none. */
    pendingIds: z.array(Id).max(MAX_MEMBERS).optional(),
  }),
});

export const MessageSent = defineEvent({
  source: 'parley.messaging',
  detailType: 'messaging.MessageSent',
  version: 1,
  description:
    'A member posted a message to a conversation, or (kind `sms` / `whatsapp`) the phone on the other side texted it: then `senderId` is the party (`tel:+…` / `wa:+…`), never a user id.',
  data: z.object({
    conversationId: Id,
    messageId: Id,
    seq: z.number().int().positive(),
    senderId: SenderId,
    clientMessageId: Id,
    sentAt: z.iso.datetime(),
    preview: Preview,
    /** The whole text when it is small enough for a frame; absent otherwise (see `truncated`). */
    text: z.string().max(4000).optional(),
    truncated: z.boolean(),
    attachments: z.array(AttachmentInfo).max(10),
    replyTo: ReplyPreview.optional(),
  }),
});

export const MessageEdited = defineEvent({
  source: 'parley.messaging',
  detailType: 'messaging.MessageEdited',
  version: 1,
  description: 'The author changed the text of a message.',
  data: z.object({
    conversationId: Id,
    messageId: Id,
    seq: z.number().int().positive(),
    senderId: Id,
    editedAt: z.iso.datetime(),
    preview: Preview,
    text: z.string().max(4000).optional(),
    truncated: z.boolean(),
  }),
});

export const MessageDeleted = defineEvent({
  source: 'parley.messaging',
  detailType: 'messaging.MessageDeleted',
  version: 1,
  description: 'The author deleted a message; a tombstone without text or attachments stays at its seq.',
  data: z.object({
    conversationId: Id,
    messageId: Id,
    seq: z.number().int().positive(),
    senderId: Id,
    deletedAt: z.iso.datetime(),
  }),
});

export const ReactionChanged = defineEvent({
  source: 'parley.messaging',
  detailType: 'messaging.ReactionChanged',
  version: 1,
  description: 'A member added or removed an emoji reaction on a message.',
  data: z.object({
    conversationId: Id,
    messageId: Id,
    seq: z.number().int().positive(),
    userId: Id,
    emoji: z.string().min(1).max(32),
    action: z.enum(['added', 'removed']),
    /** How many members now react with this emoji. */
    count: z.number().int().nonnegative(),
    changedAt: z.iso.datetime(),
  }),
});

export const ConversationRead = defineEvent({
  source: 'parley.messaging',
  detailType: 'messaging.ConversationRead',
  version: 1,
  description: "A member's read marker moved forward (read receipts for the others, unread sync for their devices).",
  data: z.object({
    conversationId: Id,
    userId: Id,
    seq: z.number().int().nonnegative(),
    readAt: z.iso.datetime(),
  }),
});

export const ConversationRenamed = defineEvent({
  source: 'parley.messaging',
  detailType: 'messaging.ConversationRenamed',
  version: 1,
  description: 'A member gave a group a new title (any member may; direct conversations have none).',
  data: z.object({
    conversationId: Id,
    title: z.string().min(1).max(120),
    /** The title before, for the "renamed the group" line; absent when it had none. */
    previousTitle: z.string().max(120).optional(),
    renamedBy: Id,
    renamedAt: z.iso.datetime(),
  }),
});

export const TextRequested = defineEvent({
  source: 'parley.messaging',
  detailType: 'messaging.TextRequested',
  version: 1,
  description:
    'The owner of a text conversation (kind `sms` / `whatsapp`) replied: notifications texts `text` to `to` through the messaging provider and reports the delivery as `notifications.TextStatusChanged` with `ref` = `messageId`. Written in the same transaction as the message. No audience.',
  data: z.object({
    conversationId: Id,
    messageId: Id,
    seq: z.number().int().positive(),
    channel: TextChannel,
    /** the Parley number the conversation uses */
    from: E164,
    /** the phone number texted */
    to: E164,
    text: z.string().min(1).max(4000),
    /** the user who wrote it (the conversation's owner), charged for it */
    requestedBy: Id,
    /** what the send names as its `ref`, echoed in `notifications.TextStatusChanged.ref` (`<conversationId>.<messageId>`) */
    ref: z.string().min(1).max(128),
  }),
});

export const MessageDeliveryChanged = defineEvent({
  source: 'parley.messaging',
  detailType: 'messaging.MessageDeliveryChanged',
  version: 1,
  description:
    'A message of a text conversation moved forward in delivery (`sent` < `delivered`; `failed` is final, with a `reason`). Audience: the conversation’s owner.',
  data: z.object({
    conversationId: Id,
    messageId: Id,
    seq: z.number().int().positive(),
    delivery: z.enum(['sent', 'delivered', 'failed']),
    reason: z.string().max(256).optional(),
  }),
});

export const UsageRecorded = defineEvent({
  source: 'parley.messaging',
  detailType: 'messaging.UsageRecorded',
  version: 1,
  description:
    'A WhatsApp message a phone sent to a Parley number, charged to the number’s owner (ADR 0029): the provider bills every WhatsApp message received as it bills one sent, so it is `feature` `whatsapp-message`, one `message` at the one WhatsApp price, `direction` `inbound`, `country` the sender’s where the price table knows its calling code. Written in the same transaction as the message it became, once per provider message id. No audience.',
  data: z.object({
    ...usageLineFields,
    feature: z.literal('whatsapp-message'),
    unit: z.literal('message'),
    direction: z.literal('inbound'),
    reason: z.literal('text-received'),
    /** the text conversation the message is in, and the message */
    conversationId: Id,
    messageId: Id,
    /** the provider's message id (WhatsApp message id, Twilio sid) */
    providerMessageId: z.string().min(1),
  }),
});
