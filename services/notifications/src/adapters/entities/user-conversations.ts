import { Entity } from 'electrodb';

/** Conversations a user was linked to (a candidate list: the conversation item is the truth). */
export const UserConversationsEntity = new Entity({
  model: { entity: 'userConversations', version: '1', service: 'notifications' },
  attributes: {
    userId: { type: 'string', required: true },
    conversationIds: { type: 'set', items: 'string' },
  },
  indexes: {
    // the candidate list of one user
    byUser: {
      pk: { field: 'pk', composite: ['userId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
  },
});
