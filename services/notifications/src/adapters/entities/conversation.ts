import { Entity } from 'electrodb';

/** A conversation's members: the membership projection built from messaging's events. */
export const ConversationEntity = new Entity({
  model: { entity: 'conversation', version: '1', service: 'notifications' },
  attributes: {
    conversationId: { type: 'string', required: true },
    memberIds: { type: 'set', items: 'string', required: true },
    /** members who have not accepted (message requests); absent on items written before requests existed */
    pendingIds: { type: 'list', items: { type: 'string' } },
    version: { type: 'string', required: true },
  },
  indexes: {
    // one conversation's members by id
    byId: {
      pk: { field: 'pk', composite: ['conversationId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
  },
});
