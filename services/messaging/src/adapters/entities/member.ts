import { Entity } from 'electrodb';

/**
 * One member's inbox entry and read marker, in the conversation's partition (read receipts are
 * one query) and in `gsi1` under the member (every conversation they were added to). Messages never
 * write it: the list's order is the conversations' own last activity, read with them (ADR 0023).
 * Derived data: it never decides access.
 */
export const MemberEntity = new Entity({
  model: { entity: 'member', version: '1', service: 'messaging' },
  attributes: {
    conversationId: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    lastReadSeq: { type: 'number' },
    readAt: { type: 'string' },
    /**
     * When `ensure` last wrote the entry (people added): only the index's sort key, not the list's
     * order. The name is the one entries were stored under before ADR 0023.
     */
    lastActivityAt: { type: 'string' },
    /** the member's own preferences (never shown to others): see `domain/preferences.ts` */
    muted: { type: 'boolean' },
    pinned: { type: 'boolean' },
    /** when they archived it (absent: not archived) */
    archivedAt: { type: 'string' },
    /**
     * userId again, as the inbox index's partition key: electrodb writes an index key on update
     * only when one of its own attributes is set, and the primary-key `userId` cannot be.
     */
    inboxUserId: { type: 'string' },
  },
  indexes: {
    // every member of a conversation (read receipts)
    byConversation: {
      pk: { field: 'pk', composite: ['conversationId'], casing: 'none' },
      sk: { field: 'sk', composite: ['userId'], casing: 'none' },
    },
    // a user's conversations (sparse: only entries `ensure` wrote)
    inbox: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['inboxUserId'], casing: 'none' },
      sk: { field: 'gsi1sk', composite: ['lastActivityAt', 'conversationId'], casing: 'none' },
    },
  },
});
