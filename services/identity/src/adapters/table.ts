// biome-ignore-all lint/suspicious/noTemplateCurlyInString: electrodb key templates are plain strings with ${attribute} placeholders
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { awsClient } from '@parley/lambda/clients';
import { Entity, type EntityItem, Service } from 'electrodb';

export const dynamo = awsClient(DynamoDBClient, {});

const model = <const E extends string>(entity: E) => ({ entity, version: '1', service: 'identity' }) as const;
// Ids and token hashes are case-sensitive: keep electrodb from lowercasing key values.
const key = <const F extends string, const C extends readonly string[]>(field: F, composite: C, template: string) =>
  ({ field, composite, template, casing: 'none' }) as const;

/** An account. */
export const UserEntity = new Entity({
  model: model('user'),
  attributes: {
    userId: { type: 'string', required: true },
    email: { type: 'string', required: true },
    displayName: { type: 'string', required: true },
    statusMessage: { type: 'string' },
    locale: { type: 'string' },
    timeZone: { type: 'string' },
    mobileNumber: { type: 'string' },
    avatarKey: { type: 'string' },
    roles: { type: 'list', items: { type: 'string' }, required: true },
    passwordHash: { type: 'string', required: true },
    createdAt: { type: 'string', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    // one user by id
    byId: { pk: key('pk', ['userId'], 'user#${userId}'), sk: key('sk', [], 'user') },
  },
});

/** The unique email → user index; created with the user in one transaction. */
export const EmailEntity = new Entity({
  model: model('email'),
  attributes: {
    email: { type: 'string', required: true },
    userId: { type: 'string', required: true },
  },
  indexes: {
    // one claim per email
    byEmail: { pk: key('pk', ['email'], 'email#${email}'), sk: key('sk', [], 'email') },
  },
});

/** A named marker, e.g. `first-user`, claimed once. */
export const MarkerEntity = new Entity({
  model: model('marker'),
  attributes: {
    name: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    at: { type: 'string', required: true },
  },
  indexes: {
    byName: { pk: key('pk', ['name'], 'marker#${name}'), sk: key('sk', [], 'marker') },
  },
});

/** One search term of a user (display name, later words of it, email), sharded by its first character. */
export const DirectoryEntryEntity = new Entity({
  model: model('directoryEntry'),
  attributes: {
    shard: { type: 'string', required: true },
    term: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    /** all terms of this user, to report the user once per search */
    terms: { type: 'list', items: { type: 'string' }, required: true },
  },
  indexes: {
    // prefix search: begins_with(sk, term prefix) within the shard of its first character
    byTerm: { pk: key('pk', ['shard'], 'dir#${shard}'), sk: key('sk', ['term', 'userId'], '${term}#${userId}') },
  },
});

/** A session (refresh-token family). */
export const SessionEntity = new Entity({
  model: model('session'),
  attributes: {
    sessionId: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    createdAt: { type: 'string', required: true },
    lastUsedAt: { type: 'string', required: true },
    endsAt: { type: 'string', required: true },
    revokedAt: { type: 'string' },
    revokeReason: { type: 'string' },
    userAgent: { type: 'string' },
    ipAddress: { type: 'string' },
    ttl: { type: 'number', field: 'expiresAt', required: true },
  },
  indexes: {
    // one session by id (refresh, revocation check)
    byId: { pk: key('pk', ['sessionId'], 'session#${sessionId}'), sk: key('sk', [], 'session') },
    // a user's sessions, oldest first
    byUser: {
      index: 'gsi1',
      pk: key('gsi1pk', ['userId'], 'user#${userId}'),
      sk: key('gsi1sk', ['createdAt'], 'session#${createdAt}'),
    },
  },
});

/** One refresh token, by the SHA-256 of its value. */
export const RefreshTokenEntity = new Entity({
  model: model('refreshToken'),
  attributes: {
    hash: { type: 'string', required: true },
    sessionId: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    status: { type: ['active', 'rotated'] as const, required: true },
    createdAt: { type: 'string', required: true },
    endsAt: { type: 'string', required: true },
    ttl: { type: 'number', field: 'expiresAt', required: true },
  },
  indexes: {
    byHash: { pk: key('pk', ['hash'], 'rt#${hash}'), sk: key('sk', [], 'rt') },
  },
});

/** A user's contact. */
export const ContactEntity = new Entity({
  model: model('contact'),
  attributes: {
    userId: { type: 'string', required: true },
    contactId: { type: 'string', required: true },
    addedAt: { type: 'string', required: true },
  },
  indexes: {
    // my contacts
    byOwner: { pk: key('pk', ['userId'], 'user#${userId}'), sk: key('sk', ['contactId'], 'contact#${contactId}') },
  },
});

/** Failed sign-ins of one key (account or address) in one window. */
export const ThrottleEntity = new Entity({
  model: model('throttle'),
  attributes: {
    key: { type: 'string', required: true },
    windowStart: { type: 'number', required: true },
    failures: { type: 'number' },
    ttl: { type: 'number', field: 'expiresAt' },
  },
  indexes: {
    byKey: { pk: key('pk', ['key', 'windowStart'], 'throttle#${key}#${windowStart}'), sk: key('sk', [], 'throttle') },
  },
});

export function identityService(table: string) {
  return new Service(
    {
      user: UserEntity,
      email: EmailEntity,
      marker: MarkerEntity,
      directoryEntry: DirectoryEntryEntity,
      session: SessionEntity,
      refreshToken: RefreshTokenEntity,
      contact: ContactEntity,
      throttle: ThrottleEntity,
    },
    { client: dynamo, table },
  );
}

export type IdentityDb = ReturnType<typeof identityService>;
export type UserItem = EntityItem<typeof UserEntity>;
export type SessionItem = EntityItem<typeof SessionEntity>;
