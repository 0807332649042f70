import { storedKeys } from '@parley/testing/stored-keys';
import { describe, expect, it } from 'vitest';
import { callingService } from '../src/adapters/table.ts';

/**
 * The stored shape of every entity's keys and electrodb's entity/version markers. Items already in
 * the table are read by these exact values: a change here is a data migration, not a refactor.
 */
const stored = {
  call: [
    {
      callId: 'C1',
      kind: 'app',
      media: 'audio',
      state: 'ringing',
      callerId: 'A',
      calleeId: 'B',
      callerName: 'Ana',
      meetingId: 'M',
      mediaRegion: 'us-east-1',
      startedAt: 't0',
      ringUntil: 't1',
    },
    { pk: '$calling#callId_C1', sk: '$call_1', __edb_e__: 'call', __edb_v__: '1' },
  ],
  callLogEntry: [
    { userId: 'U1', position: 't0#C1', callId: 'C1' },
    { pk: '$calling#userId_U1', sk: '$callLogEntry_1#position_t0#C1', __edb_e__: 'callLogEntry', __edb_v__: '1' },
  ],
  ringingCall: [
    { shard: 'all', ringUntil: 't1', callId: 'C1' },
    {
      pk: '$calling#shard_all',
      sk: '$ringingCall_1#ringUntil_t1#callId_C1',
      __edb_e__: 'ringingCall',
      __edb_v__: '1',
    },
  ],
  pairRing: [
    { callerId: 'A', calleeId: 'B', callId: 'C1' },
    { pk: '$calling#callerId_A', sk: '$pairRing_1#calleeId_B', __edb_e__: 'pairRing', __edb_v__: '1' },
  ],
  directoryUser: [
    { userId: 'U1', displayName: 'Ana' },
    { pk: '$calling#userId_U1', sk: '$directoryUser_1', __edb_e__: 'directoryUser', __edb_v__: '1' },
  ],
  callSettings: [
    { userId: 'U1', ringTimeoutSeconds: 30, voicemailEnabled: false },
    { pk: '$calling#userId_U1', sk: '$callSettings_1', __edb_e__: 'callSettings', __edb_v__: '1' },
  ],
  missedCalls: [
    { userId: 'U1', unseen: 0 },
    { pk: '$calling#userId_U1', sk: '$missedCalls_1', __edb_e__: 'missedCalls', __edb_v__: '1' },
  ],
  numberOwner: [
    { e164: '+6561234567', userId: 'U1', changedAt: '2026-12-01T10:00:00.000Z' },
    { pk: '$calling#e164_+6561234567', sk: '$numberOwner_1', __edb_e__: 'numberOwner', __edb_v__: '1' },
  ],
  voicemail: [
    {
      voicemailId: 'V1',
      ownerId: 'U1',
      callId: 'C1',
      from: '+41446681800',
      callerName: '+41446681800',
      to: '+5072100001',
      key: 'voicemail/U1/C1/x.wav',
      bytes: 16044,
      durationSeconds: 1,
      receivedAt: 't0',
      heard: false,
    },
    {
      pk: '$calling#voicemailId_V1',
      sk: '$voicemail_1',
      gsi1pk: '$calling#ownerId_U1',
      gsi1sk: '$voicemail_1#receivedAt_t0#voicemailId_V1',
      __edb_e__: 'voicemail',
      __edb_v__: '1',
    },
  ],
  mobileOwner: [
    { e164: '+41791234567', userId: 'U1' },
    { pk: '$calling#e164_+41791234567', sk: '$mobileOwner_1', __edb_e__: 'mobileOwner', __edb_v__: '1' },
  ],
  block: [
    { ownerId: 'U1', blockedId: 'U2', active: true, version: 'v' },
    { pk: '$calling#ownerId_U1', sk: '$block_1#blockedId_U2', __edb_e__: 'block', __edb_v__: '1' },
  ],
  presence: [
    { userId: 'U1', status: 'online', changedAt: '2026-12-01T10:00:00.000Z' },
    { pk: '$calling#userId_U1', sk: '$presence_1', __edb_e__: 'presence', __edb_v__: '1' },
  ],
  pstnDay: [
    { userId: 'U1', day: '2026-12-01' },
    { pk: '$calling#userId_U1', sk: '$pstnDay_1#day_2026-12-01', __edb_e__: 'pstnDay', __edb_v__: '1' },
  ],
  spendMonth: [
    { userId: 'U1', month: '2026-12', amountMicros: 1, capMicros: 2, changedAt: 't' },
    { pk: '$calling#userId_U1', sk: '$spendMonth_1#month_2026-12', __edb_e__: 'spendMonth', __edb_v__: '1' },
  ],
} as const;

describe('calling table keys', () => {
  const pinned = storedKeys(callingService('unit-test-table'), stored);

  it('given the service, when listing its entities, then each one has its stored key shape pinned here', () => {
    expect(pinned.entityNames).toEqual(pinned.pinnedNames);
  });

  it.each(pinned.rows)('given a $name, when written, then its keys and version are the ones already stored', (row) => {
    expect(row.written).toEqual(row.keys);
  });
});
