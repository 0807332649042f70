import { Entity } from 'electrodb';

/**
 * A conversation: membership (the source of truth for every access check), the seq counter and
 * the newest message for the list. Item: pk `$messaging#conversationid_<id>`, sk `$conversation_1`.
 */
export const ConversationEntity = new Entity({
  model: { entity: 'conversation', version: '1', service: 'messaging' },
  attributes: {
    conversationId: { type: 'string', required: true },
    kind: { type: ['direct', 'group', 'sms', 'whatsapp'] as const, required: true },
    /** kind `sms` / `whatsapp`: the phone number on the other side */
    party: {
      type: 'map',
      properties: {
        phoneNumber: { type: 'string', required: true },
        channel: { type: ['sms', 'whatsapp'] as const, required: true },
        via: { type: 'string', required: true },
      },
    },
    /** kind `sms` / `whatsapp`: when the party last wrote (WhatsApp's 24 h reply window, ADR 0030) */
    lastInboundAt: { type: 'string' },
    title: { type: 'string' },
    createdBy: { type: 'string', required: true },
    createdAt: { type: 'string', required: true },
    /** in join order */
    memberIds: { type: 'list', items: { type: 'string' }, required: true },
    adminIds: { type: 'list', items: { type: 'string' }, required: true },
    membersVersion: { type: 'number', required: true },
    /** the counter `allocateSeq` adds 1 to */
    seqAllocated: { type: 'number', required: true },
    /** seq of `lastMessage`, top level so conditions can compare it */
    lastMessageSeq: { type: 'number' },
    lastMessage: {
      type: 'map',
      properties: {
        messageId: { type: 'string', required: true },
        seq: { type: 'number', required: true },
        senderId: { type: 'string', required: true },
        preview: { type: 'string', required: true },
        sentAt: { type: 'string', required: true },
        deleted: { type: 'boolean', required: true },
      },
    },
    lastActivityAt: { type: 'string', required: true },
    /** members who have not accepted (a message request); see the domain model */
    pendingIds: { type: 'list', items: { type: 'string' } },
    /** members who declined a direct conversation */
    declinedIds: { type: 'list', items: { type: 'string' } },
    /** people who left the group themselves */
    leftIds: { type: 'list', items: { type: 'string' } },
  },
  indexes: {
    // one conversation by id (ids are case-sensitive: no key casing)
    byId: {
      pk: { field: 'pk', composite: ['conversationId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
  },
});
