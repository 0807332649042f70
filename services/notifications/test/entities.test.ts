import { storedKeys } from '@parley/testing/stored-keys';
import { describe, expect, it } from 'vitest';
import { notificationsService } from '../src/adapters/table.ts';

/**
 * The stored shape of every entity's keys and electrodb's entity/version markers. Items already in
 * the table are read by these exact values: a change here is a data migration, not a refactor.
 */
const stored = {
  conversation: [
    { conversationId: 'C1', memberIds: ['U1'], version: 'v' },
    { pk: '$notifications#conversationId_C1', sk: '$conversation_1', __edb_e__: 'conversation', __edb_v__: '1' },
  ],
  userConversations: [
    { userId: 'U1', conversationIds: ['C1'] },
    { pk: '$notifications#userId_U1', sk: '$userConversations_1', __edb_e__: 'userConversations', __edb_v__: '1' },
  ],
  contact: [
    { ownerId: 'U1', contactId: 'U2', active: true, version: 'v' },
    {
      pk: '$notifications#ownerId_U1',
      sk: '$contact_1#contactId_U2',
      gsi1pk: '$notifications#contactId_U2',
      gsi1sk: '$contact_1#ownerId_U1',
      __edb_e__: 'contact',
      __edb_v__: '1',
    },
  ],
  preferences: [
    {
      userId: 'U1',
      smsOnMissedCall: true,
      smsOnVoicemail: true,
      smsOnMessageWhenOffline: true,
      offlineDelayMinutes: 5,
    },
    { pk: '$notifications#userId_U1', sk: '$preferences_1', __edb_e__: 'preferences', __edb_v__: '1' },
  ],
  profile: [
    { userId: 'U1', version: 'v' },
    { pk: '$notifications#userId_U1', sk: '$profile_1', __edb_e__: 'profile', __edb_v__: '1' },
  ],
  digest: [
    {
      userId: 'U1',
      dueAt: '2026-01-01T00:00:00.000Z',
      firstAt: 't',
      messageCount: 1,
      conversationIds: ['C1'],
      attempts: 0,
    },
    {
      pk: '$notifications#userId_U1',
      sk: '$digest_1',
      gsi1pk: '$notifications',
      gsi1sk: '$digest_1#dueAt_2026-01-01T00:00:00.000Z#userId_U1',
      __edb_e__: 'digest',
      __edb_v__: '1',
    },
  ],
  block: [
    { ownerId: 'U1', blockedId: 'U2', active: true, version: 'v' },
    {
      pk: '$notifications#ownerId_U1',
      sk: '$block_1#blockedId_U2',
      gsi1pk: '$notifications#blockedId_U2',
      gsi1sk: '$block_1#ownerId_U1',
      __edb_e__: 'block',
      __edb_v__: '1',
    },
  ],
  callParticipants: [
    { callId: 'K1', userIds: ['U1'] },
    { pk: '$notifications#callId_K1', sk: '$callParticipants_1', __edb_e__: 'callParticipants', __edb_v__: '1' },
  ],
  counter: [
    { name: 'signal:U1', window: 7, count: 1 },
    { pk: '$notifications#name_signal:U1', sk: '$counter_1#window_7', __edb_e__: 'counter', __edb_v__: '1' },
  ],
  cooldown: [
    { name: 'typing#U1#C1', until: 1 },
    { pk: '$notifications#name_typing#U1#C1', sk: '$cooldown_1', __edb_e__: 'cooldown', __edb_v__: '1' },
  ],
  textOptOut: [
    { phoneNumber: '+41791234567', channel: 'sms', optedOut: true, keyword: 'STOP', at: 't' },
    {
      pk: '$notifications#phoneNumber_+41791234567',
      sk: '$textOptOut_1#channel_sms',
      __edb_e__: 'textOptOut',
      __edb_v__: '1',
    },
  ],
  textRef: [
    { providerMessageId: 'SM1', ref: 't_C1.m2_x', expiresAt: 1 },
    { pk: '$notifications#providerMessageId_SM1', sk: '$textRef_1', __edb_e__: 'textRef', __edb_v__: '1' },
  ],
} as const;

describe('notifications table keys', () => {
  const pinned = storedKeys(notificationsService('unit-test-table'), stored);

  it('given the service, when listing its entities, then each one has its stored key shape pinned here', () => {
    expect(pinned.entityNames).toEqual(pinned.pinnedNames);
  });

  it.each(pinned.rows)('given a $name, when written, then its keys and version are the ones already stored', (row) => {
    expect(row.written).toEqual(row.keys);
  });
});
