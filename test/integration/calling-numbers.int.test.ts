import { randomUUID } from 'node:crypto';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { devstackClients } from '@parley/testing/devstack-clients';
import { afterAll, describe, expect, inject, it } from 'vitest';

// Calling's copy of which number rings whom, fed by numbers' events on the local bus.
const devstack = inject('devstack');
const aws = devstackClients(devstack);
afterAll(() => aws.destroy());

const BUS = { timeout: 15_000, interval: 200 };

async function put(detailType: 'numbers.NumberAssigned' | 'numbers.NumberReleased', data: object, occurredAt: string) {
  const eventId = randomUUID();
  const res = await fetch(new URL('/_dev/events', devstack.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      source: 'parley.numbers',
      detailType,
      detail: { metadata: { eventId, version: 1, occurredAt, correlationId: eventId }, audience: [], data },
    }),
  });
  expect(res.status).toBe(200);
  return eventId;
}

/** The consumer's idempotency record: COMPLETED once it has handled the event (whatever it decided). */
async function handled(consumer: string, eventId: string) {
  const out = await aws.dynamodb.send(
    new GetItemCommand({
      TableName: 'parley-calling-local',
      Key: { pk: { S: `idem#parley-calling-local-${consumer}#${eventId}` }, sk: { S: 'idem' } },
      ConsistentRead: true,
    }),
  );
  return out.Item?.status?.S;
}

async function owner(e164: string) {
  const out = await aws.dynamodb.send(
    new GetItemCommand({
      TableName: 'parley-calling-local',
      Key: { pk: { S: `$calling#e164_${e164}` }, sk: { S: '$numberOwner_1' } },
      ConsistentRead: true,
    }),
  );
  return out.Item ? { userId: out.Item.userId?.S, changedAt: out.Item.changedAt?.S } : undefined;
}

describe('calling knows which number rings whom', () => {
  it('given a number assigned then released, when an older assignment arrives late, then the number stays released', async () => {
    const e164 = `+6561${String(Date.now()).slice(-6)}`;
    const userId = `u-${randomUUID()}`;

    await put(
      'numbers.NumberAssigned',
      { e164, userId, country: 'SG', carrier: 'sip-trunk' },
      '2026-12-01T10:00:00.000Z',
    );
    await expect.poll(() => owner(e164), BUS).toEqual({ userId, changedAt: '2026-12-01T10:00:00.000Z' });

    await put('numbers.NumberReleased', { e164, userId }, '2026-12-01T11:00:00.000Z');
    await expect.poll(() => owner(e164), BUS).toEqual({ userId: undefined, changedAt: '2026-12-01T11:00:00.000Z' });

    // A late, older assignment (a new eventId, so idempotency does not catch it): once its consumer
    // has handled it, the release still stands.
    const late = await put(
      'numbers.NumberAssigned',
      { e164, userId, country: 'SG', carrier: 'sip-trunk' },
      '2026-12-01T10:30:00.000Z',
    );
    await expect.poll(() => handled('onNumberAssigned', late), BUS).toBe('COMPLETED');

    expect(await owner(e164)).toEqual({ userId: undefined, changedAt: '2026-12-01T11:00:00.000Z' });
  });
});
