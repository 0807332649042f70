import { storedKeys } from '@parley/testing/stored-keys';
import { describe, expect, it } from 'vitest';
import { identityService } from '../src/adapters/table.ts';

/**
 * The stored shape of every entity's keys and electrodb's entity/version markers. Items already in
 * the table are read by these exact values: a change here is a data migration, not a refactor.
 */
const stored = {
  user: [
    { userId: 'U1', email: 'a@b.c', displayName: 'A', roles: [], passwordHash: 'h', createdAt: 't', updatedAt: 't' },
    { pk: 'user#U1', sk: 'user', __edb_e__: 'user', __edb_v__: '1' },
  ],
  email: [
    { email: 'a@b.c', userId: 'U1' },
    { pk: 'email#a@b.c', sk: 'email', __edb_e__: 'email', __edb_v__: '1' },
  ],
  marker: [
    { name: 'first-user', userId: 'U1', at: 't' },
    { pk: 'marker#first-user', sk: 'marker', __edb_e__: 'marker', __edb_v__: '1' },
  ],
  directoryEntry: [
    { shard: 'a', term: 'ana', userId: 'U1', terms: ['ana'] },
    { pk: 'dir#a', sk: 'ana#U1', __edb_e__: 'directoryEntry', __edb_v__: '1' },
  ],
  session: [
    { sessionId: 'S1', userId: 'U1', createdAt: '2026-01-01T00:00:00.000Z', lastUsedAt: 't', endsAt: 't', ttl: 1 },
    {
      pk: 'session#S1',
      sk: 'session',
      gsi1pk: 'user#U1',
      gsi1sk: 'session#2026-01-01T00:00:00.000Z',
      __edb_e__: 'session',
      __edb_v__: '1',
    },
  ],
  refreshToken: [
    { hash: 'HaSh', sessionId: 'S1', userId: 'U1', status: 'active', createdAt: 't', endsAt: 't', ttl: 1 },
    { pk: 'rt#HaSh', sk: 'rt', __edb_e__: 'refreshToken', __edb_v__: '1' },
  ],
  contact: [
    { userId: 'U1', contactId: 'U2', addedAt: 't' },
    { pk: 'user#U1', sk: 'contact#U2', __edb_e__: 'contact', __edb_v__: '1' },
  ],
  block: [
    { userId: 'U1', blockedId: 'U2', blockedAt: 't' },
    { pk: 'user#U1', sk: 'block#U2', __edb_e__: 'block', __edb_v__: '1' },
  ],
  throttle: [
    { key: 'acct:U1', windowStart: 42 },
    { pk: 'throttle#acct:U1#42', sk: 'throttle', __edb_e__: 'throttle', __edb_v__: '1' },
  ],
  mobileVerification: [
    { userId: 'U1', mobileNumber: '+41791234567', codeHash: 'h', attempts: 0, sentAt: 't', codeExpiresAt: 't' },
    { pk: 'user#U1', sk: 'mobile-verification', __edb_e__: 'mobileVerification', __edb_v__: '1' },
  ],
  emailToken: [
    {
      hash: 'HaSh',
      userId: 'U1',
      purpose: 'password-reset',
      email: 'a@b.c',
      createdAt: 't',
      tokenExpiresAt: 't',
    },
    { pk: 'email-token#HaSh', sk: 'email-token', __edb_e__: 'emailToken', __edb_v__: '1' },
  ],
} as const;

describe('identity table keys', () => {
  const pinned = storedKeys(identityService('unit-test-table'), stored);

  it('given the service, when listing its entities, then each one has its stored key shape pinned here', () => {
    expect(pinned.entityNames).toEqual(pinned.pinnedNames);
  });

  it.each(pinned.rows)('given a $name, when written, then its keys and version are the ones already stored', (row) => {
    expect(row.written).toEqual(row.keys);
  });
});
