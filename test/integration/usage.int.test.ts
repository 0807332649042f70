import { randomUUID } from 'node:crypto';
import { DeleteItemCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { devstackClients } from '@parley/testing/devstack-clients';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { asAdmin } from '../support/admins.ts';
import { api } from '../support/http.ts';
import { type RegisteredUser, registerUser } from '../support/users.ts';

// The usage ledger on devstack (ADR 0021): calling.UsageRecorded on the real local bus, usage's
// consumer and table, its routes behind the origin, and calling's projection of usage.SpendChanged.
const devstack = inject('devstack');
const aws = devstackClients(devstack);
const usage = () => api('usage', devstack.url);
const calling = () => api('calling', devstack.url);
const BUS = { timeout: 20_000, interval: 250 };
const month = new Date().toISOString().slice(0, 7);
const SWISS = '+41446681800';
let ana: RegisteredUser;
let bea: RegisteredUser;
let admin: RegisteredUser;

beforeAll(async () => {
  [ana, bea] = await Promise.all([registerUser(devstack.url), registerUser(devstack.url)]);
  admin = await asAdmin(devstack, await registerUser(devstack.url));
});
afterAll(() => aws.destroy());

/** A phone call's minutes, as calling publishes them when the call ends. */
function phoneMinutes(userId: string, amountMicros: number) {
  return {
    usageId: randomUUID(),
    userId,
    feature: 'pstn-out',
    quantity: 95,
    unit: 'second',
    unitPrice: 0.02 / 60,
    currency: 'USD',
    at: new Date().toISOString(),
    callId: `call-${randomUUID()}`,
    amount: amountMicros / 1_000_000,
    amountMicros,
    country: 'CH',
    direction: 'outbound',
  };
}

/** Puts one calling.UsageRecorded with this event id on the bus (devstack's POST /_dev/events). */
async function put(eventId: string, data: object) {
  const res = await fetch(new URL('/_dev/events', devstack.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      source: 'parley.calling',
      detailType: 'calling.UsageRecorded',
      detail: { metadata: { eventId, version: 1, occurredAt: new Date().toISOString(), correlationId: eventId }, data },
    }),
  });
  expect(res.status).toBe(200);
}

const idemKey = (eventId: string) => ({
  pk: { S: `idem#parley-usage-local-onUsageRecorded#${eventId}` },
  sk: { S: 'idem' },
});

/** The consumer's own record of an event: COMPLETED once it has handled it (whatever it decided). */
async function handled(eventId: string) {
  const out = await aws.dynamodb.send(
    new GetItemCommand({ TableName: 'parley-usage-local', Key: idemKey(eventId), ConsistentRead: true }),
  );
  return out.Item?.status?.S;
}

const mine = async (user: RegisteredUser) =>
  (await usage()('GET', `/usage/me?month=${month}`, { token: user.tokens.accessToken })).body;

describe('the usage ledger', () => {
  it('given a PSTN call’s UsageRecorded delivered twice with one event id, and again after the consumer forgot it, then it is in the ledger once', async () => {
    const eventId = randomUUID();
    const data = phoneMinutes(ana.user.id, 31_700);

    await put(eventId, data);
    await put(eventId, data);
    await expect.poll(() => handled(eventId), BUS).toBe('COMPLETED');
    // the consumer preset's memory of the event is gone: the ledger's conditional put must hold alone
    await aws.dynamodb.send(new DeleteItemCommand({ TableName: 'parley-usage-local', Key: idemKey(eventId) }));
    await put(eventId, data);
    await expect.poll(() => handled(eventId), BUS).toBe('COMPLETED');

    const me = await mine(ana);
    expect(me.totalMicros).toBe(31_700);
    expect(me.costliest).toEqual([
      expect.objectContaining({ eventId, feature: 'pstn-out', country: 'CH', amountMicros: 31_700, ref: data.callId }),
    ]);
    expect(me.byFeature).toEqual([{ key: 'pstn-out', unit: 'second', quantity: 95, amountMicros: 31_700, lines: 1 }]);
  });

  it('given a non-admin, when reading the organisation’s usage or its export, then 403 forbidden', async () => {
    const res = await usage()('GET', `/usage?month=${month}&groupBy=user`, { token: ana.tokens.accessToken });
    const csv = await usage()('GET', `/usage/export.csv?month=${month}`, { token: ana.tokens.accessToken });

    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(csv.status).toBe(403);
  });

  it('given usage of two people, when an admin groups by user and exports, then each person’s sum and a CSV line per usage', async () => {
    const eventId = randomUUID();
    await put(eventId, phoneMinutes(bea.user.id, 90_000));
    await expect.poll(() => handled(eventId), BUS).toBe('COMPLETED');

    const res = await usage()('GET', `/usage?month=${month}&groupBy=user`, { token: admin.tokens.accessToken });
    const csv = await usage()('GET', `/usage/export.csv?month=${month}`, { token: admin.tokens.accessToken });

    expect(res.status).toBe(200);
    expect(res.body.groups).toEqual(
      expect.arrayContaining([
        { key: ana.user.id, amountMicros: 31_700, lines: 1 },
        { key: bea.user.id, amountMicros: 90_000, lines: 1 },
      ]),
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(String(csv.body)).toContain(`,${bea.user.id},pstn-out,CH,outbound,95,second,`);
    expect(String(csv.body)).toContain(`,0.090000,`);
  });

  it('given a bad month, then 400 validation_failed', async () => {
    const res = await usage()('GET', '/usage/me?month=2026-13', { token: ana.tokens.accessToken });

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });

  it('given a person past the monthly cap (50 USD), when they ask for a quote or call a phone, then refused with monthly_spend_cap and nothing is dialled', async () => {
    const spender = await registerUser(devstack.url);
    const before = await calling()('GET', `/quote?to=${encodeURIComponent(SWISS)}`, {
      token: spender.tokens.accessToken,
    });
    expect(before.body).toMatchObject({ allowed: true });

    const eventId = randomUUID();
    await put(eventId, { ...phoneMinutes(spender.user.id, 50_000_000), feature: 'pstn-forward' });
    await expect
      .poll(
        async () =>
          (await calling()('GET', `/quote?to=${encodeURIComponent(SWISS)}`, { token: spender.tokens.accessToken })).body
            .reason,
        BUS,
      )
      .toBe('monthly_spend_cap');

    const placed = await calling()('POST', '/calls', {
      token: spender.tokens.accessToken,
      body: { to: { phoneNumber: SWISS }, media: 'audio' },
    });
    expect(placed.status).toBe(422);
    expect(placed.body.error).toMatchObject({
      code: 'call_not_allowed',
      message: expect.stringContaining('this month'),
      details: [{ reason: 'monthly_spend_cap' }],
    });
    expect((await mine(spender)).totalMicros).toBe(50_000_000);
  });
});
