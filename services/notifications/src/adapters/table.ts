import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { awsClient } from '@parley/lambda/clients';
import { Entity, Service } from 'electrodb';

export const dynamo = awsClient(DynamoDBClient, {});
export const documents = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });

// Ids are case-sensitive: every key keeps its casing (`casing: 'none'`; electrodb lowercases by default).
const model = (entity: string) => ({ entity, version: '1', service: 'notifications' });

/** A conversation's members: the membership projection built from messaging's events. */
export const Conversation = new Entity({
  model: model('conversation'),
  attributes: {
    conversationId: { type: 'string', required: true },
    memberIds: { type: 'set', items: 'string', required: true },
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

/** Conversations a user was linked to (a candidate list: the conversation item is the truth). */
export const UserConversations = new Entity({
  model: model('userConversations'),
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

/** `ownerId` has `contactId` as a contact (or had: `active: false` keeps the version for ordering). */
export const Contact = new Entity({
  model: model('contact'),
  attributes: {
    ownerId: { type: 'string', required: true },
    contactId: { type: 'string', required: true },
    active: { type: 'boolean', required: true },
    version: { type: 'string', required: true },
  },
  indexes: {
    // an owner's contacts
    byOwner: {
      pk: { field: 'pk', composite: ['ownerId'], casing: 'none' },
      sk: { field: 'sk', composite: ['contactId'], casing: 'none' },
    },
    // who has this user as a contact (presence audience)
    byContact: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['contactId'], casing: 'none' },
      sk: { field: 'gsi1sk', composite: ['ownerId'], casing: 'none' },
    },
  },
});

export const PreferencesItem = new Entity({
  model: model('preferences'),
  attributes: {
    userId: { type: 'string', required: true },
    smsOnMissedCall: { type: 'boolean', required: true },
    smsOnVoicemail: { type: 'boolean', required: true },
    smsOnMessageWhenOffline: { type: 'boolean', required: true },
    offlineDelayMinutes: { type: 'number', required: true },
  },
  indexes: {
    // one user's preferences
    byUser: {
      pk: { field: 'pk', composite: ['userId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
  },
});

/** The user's mobile number, from identity.ProfileUpdated, for SMS. */
export const Profile = new Entity({
  model: model('profile'),
  attributes: {
    userId: { type: 'string', required: true },
    mobileNumber: { type: 'string' },
    version: { type: 'string', required: true },
  },
  indexes: {
    // one user's profile copy
    byUser: {
      pk: { field: 'pk', composite: ['userId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
  },
});

/** Messages waiting for one user's SMS digest. */
export const Digest = new Entity({
  model: model('digest'),
  attributes: {
    userId: { type: 'string', required: true },
    dueAt: { type: 'string', required: true },
    firstAt: { type: 'string', required: true },
    messageCount: { type: 'number', required: true },
    conversationIds: { type: 'set', items: 'string', required: true },
    attempts: { type: 'number', required: true },
  },
  indexes: {
    // one user's pending digest
    byUser: {
      pk: { field: 'pk', composite: ['userId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
    // every pending digest by due time (one partition: a digest per offline opted-in user at most)
    due: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: [], casing: 'none' },
      sk: { field: 'gsi1sk', composite: ['dueAt', 'userId'], casing: 'none' },
    },
  },
});

/** People seen in a call's events (who may signal each other). Kept a day. */
export const CallParticipants = new Entity({
  model: model('callParticipants'),
  attributes: {
    callId: { type: 'string', required: true },
    userIds: { type: 'set', items: 'string' },
    expiresAt: { type: 'number' },
  },
  indexes: {
    // one call's participants
    byCall: {
      pk: { field: 'pk', composite: ['callId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
  },
});

/** Fixed-window counter (signal rate, SMS daily cap), expiring after its window. */
export const Counter = new Entity({
  model: model('counter'),
  attributes: {
    name: { type: 'string', required: true },
    window: { type: 'number', required: true },
    count: { type: 'number' },
    expiresAt: { type: 'number' },
  },
  indexes: {
    // one counter window
    byWindow: {
      pk: { field: 'pk', composite: ['name'], casing: 'none' },
      sk: { field: 'sk', composite: ['window'], casing: 'none' },
    },
  },
});

export function notificationsService(table: string) {
  return new Service(
    {
      conversation: Conversation,
      userConversations: UserConversations,
      contact: Contact,
      preferences: PreferencesItem,
      profile: Profile,
      digest: Digest,
      callParticipants: CallParticipants,
      counter: Counter,
    },
    { client: dynamo, table },
  );
}

export type NotificationsDb = ReturnType<typeof notificationsService>;
