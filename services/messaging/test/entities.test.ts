import { storedKeys } from '@parley/testing/stored-keys';
import { describe, expect, it } from 'vitest';
import { messagingService } from '../src/adapters/table.ts';

/**
 * The stored shape of every entity's keys and electrodb's entity/version markers. Items already in
 * the table are read by these exact values: a change here is a data migration, not a refactor.
 */
const stored = {
  conversation: [
    {
      conversationId: 'C1',
      kind: 'group',
      createdBy: 'U1',
      createdAt: 't',
      memberIds: ['U1'],
      adminIds: ['U1'],
      membersVersion: 1,
      seqAllocated: 0,
      lastActivityAt: '2026-01-01T00:00:00.000Z',
    },
    { pk: '$messaging#conversationId_C1', sk: '$conversation_1', __edb_e__: 'conversation', __edb_v__: '1' },
  ],
  member: [
    { conversationId: 'C1', userId: 'U1', lastActivityAt: '2026-01-01T00:00:00.000Z', inboxUserId: 'U1' },
    {
      pk: '$messaging#conversationId_C1',
      sk: '$member_1#userId_U1',
      gsi1pk: '$messaging#inboxUserId_U1',
      gsi1sk: '$member_1#lastActivityAt_2026-01-01T00:00:00.000Z#conversationId_C1',
      __edb_e__: 'member',
      __edb_v__: '1',
    },
  ],
  message: [
    {
      conversationId: 'C1',
      seq: 42,
      messageId: 'M1',
      senderId: 'U1',
      clientMessageId: 'K1',
      attachments: [],
      reactions: [],
      sentAt: 't',
      version: 1,
    },
    { pk: '$messaging#conversationId_C1', sk: '$message_1#seq_000000000042', __edb_e__: 'message', __edb_v__: '1' },
  ],
  clientMessage: [
    { conversationId: 'C1', senderId: 'U1', clientMessageId: 'K1', seq: 42, messageId: 'M1' },
    {
      pk: '$messaging#conversationId_C1',
      sk: '$clientMessage_1#senderId_U1#clientMessageId_K1',
      __edb_e__: 'clientMessage',
      __edb_v__: '1',
    },
  ],
  attachment: [
    {
      attachmentId: 'A1',
      conversationId: 'C1',
      uploaderId: 'U1',
      fileName: 'f',
      contentType: 'image/png',
      size: 1,
      kind: 'image',
      key: 'k',
      createdAt: 't',
    },
    { pk: '$messaging#attachmentId_A1', sk: '$attachment_1', __edb_e__: 'attachment', __edb_v__: '1' },
  ],
  outbox: [
    {
      eventId: 'E1',
      shard: 3,
      detailType: 'messaging.MessageSent',
      payload: '{}',
      occurredAt: '2026-01-01T00:00:00.000Z',
      correlationId: 'X',
    },
    {
      pk: '$messaging#eventId_E1',
      sk: '$outbox_1',
      gsi1pk: '$messaging#shard_3',
      gsi1sk: '$outbox_1#occurredAt_2026-01-01T00:00:00.000Z#eventId_E1',
      __edb_e__: 'outbox',
      __edb_v__: '1',
    },
  ],
  knownUser: [
    { userId: 'U1', registeredAt: '2026-01-01T00:00:00.000Z' },
    { pk: '$messaging#userId_U1', sk: '$knownUser_1', __edb_e__: 'knownUser', __edb_v__: '1' },
  ],
  rateCounter: [
    { key: 'send#U1', windowStart: 1_767_225_600, count: 1 },
    { pk: 'limit#send#U1#1767225600', sk: 'limit', __edb_e__: 'rateCounter', __edb_v__: '1' },
  ],
  numberOwner: [
    { e164: '+41445550101', userId: 'U1', ownerKey: 'user#U1', changedAt: 't' },
    {
      pk: '$messaging#e164_+41445550101',
      sk: '$numberOwner_1',
      gsi1pk: '$messaging#ownerKey_user#U1',
      gsi1sk: '$numberOwner_1#e164_+41445550101',
      __edb_e__: 'numberOwner',
      __edb_v__: '1',
    },
  ],
  relation: [
    { ownerId: 'U1', kind: 'block', otherId: 'U2', active: true, version: 'v' },
    { pk: '$messaging#ownerId_U1', sk: '$relation_1#kind_block#otherId_U2', __edb_e__: 'relation', __edb_v__: '1' },
  ],
  searchEntry: [
    { prefix: 'zur', sentAt: '2026-01-01T00:00:00.000Z', conversationId: 'C1', seq: 42 },
    {
      pk: '$messaging#prefix_zur',
      sk: '$searchEntry_1#sentAt_2026-01-01T00:00:00.000Z#conversationId_C1#seq_000000000042',
      __edb_e__: 'searchEntry',
      __edb_v__: '1',
    },
  ],
  searchManifest: [
    { conversationId: 'C1', seq: 42, prefixes: ['zu', 'zur'], version: 1 },
    {
      pk: '$messaging#conversationId_C1',
      sk: '$searchManifest_1#seq_000000000042',
      __edb_e__: 'searchManifest',
      __edb_v__: '1',
    },
  ],
} as const;

describe('messaging table keys', () => {
  const pinned = storedKeys(messagingService('unit-test-table'), stored);

  it('given the service, when listing its entities, then each one has its stored key shape pinned here', () => {
    expect(pinned.entityNames).toEqual(pinned.pinnedNames);
  });

  it.each(pinned.rows)('given a $name, when written, then its keys and version are the ones already stored', (row) => {
    expect(row.written).toEqual(row.keys);
  });
});
