import {
  ChimeSDKVoiceClient,
  ListSipMediaApplicationsCommand,
  ListSipRulesCommand,
  ListVoiceConnectorsCommand,
  type SipRule,
} from '@aws-sdk/client-chime-sdk-voice';
import { RealtimeClient, websocketUrl } from '@parley/realtime/node-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { asAdmin } from '../support/admins.ts';
import { api } from '../support/http.ts';
import { type RegisteredUser, registerUser } from '../support/users.ts';

// Numbers on devstack: Chime SDK Voice's emulator behind the real SDK, the carrier and SMA devstack provisions.
const devstack = inject('devstack');
const numbers = () => api('numbers', devstack.url);
const enc = (e164: string) => encodeURIComponent(e164);
let voice: ChimeSDKVoiceClient;
let admin: RegisteredUser;
let ana: RegisteredUser;
let bob: RegisteredUser;
const sockets: RealtimeClient[] = [];

/** Runs the every-minute order poll now, through serverless-offline's Lambda invoke API. */
async function pollOrdersNow(): Promise<void> {
  const port = devstack.services.numbers?.lambda;
  const res = await fetch(
    `http://127.0.0.1:${port}/2015-03-31/functions/parley-numbers-${devstack.stage}-pollOrders/invocations`,
    { method: 'POST', body: '{}' },
  );
  expect({ status: res.status, error: res.headers.get('x-amz-function-error') }).toEqual({ status: 200, error: null });
}

async function rulesFor(value: string): Promise<SipRule[]> {
  const out = await voice.send(new ListSipRulesCommand({}));
  return (out.SipRules ?? []).filter((r) => r.TriggerValue?.toLowerCase() === value.toLowerCase());
}

/** Assigns once numbers' directory has the user (UserRegistered arrives through the bus). */
async function assign(e164: string, user: RegisteredUser) {
  // biome-ignore lint/suspicious/noExplicitAny: the response is read field by field
  let last: { status: number; body: any } | undefined;
  await expect
    .poll(
      async () => {
        last = await numbers()('PUT', `/numbers/${enc(e164)}/assignment`, {
          token: admin.tokens.accessToken,
          body: { userId: user.user.id },
        });
        return last.status;
      },
      { timeout: 15_000 },
    )
    .toBe(200);
  return last?.body;
}

beforeAll(async () => {
  const health = (await (await fetch(`${devstack.url}/_dev/health`)).json()) as { endpoints: Record<string, string> };
  voice = new ChimeSDKVoiceClient({
    region: devstack.region,
    credentials: devstack.credentials,
    endpoint: health.endpoints['chime-sdk-voice'],
  });
  admin = await asAdmin(devstack, await registerUser(devstack.url));
  [ana, bob] = [await registerUser(devstack.url), await registerUser(devstack.url)];
});

afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close()));
  voice?.destroy();
});

describe('numbers: countries and who may see what', () => {
  it('lists Chime countries (Switzerland with documents) and the carrier’s, to any user', async () => {
    const res = await numbers()('GET', '/numbers/countries', { token: bob.tokens.accessToken });

    expect(res.status).toBe(200);
    expect(res.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ country: 'US', carrier: 'chime', dialCode: '+1', documentsRequired: false }),
        expect.objectContaining({ country: 'CH', carrier: 'chime', documentsRequired: true }),
        expect.objectContaining({ country: 'PA', carrier: 'sip-trunk', carrierName: 'Devstack Carrier' }),
        expect.objectContaining({ country: 'SG', carrier: 'sip-trunk', carrierName: 'Devstack Carrier' }),
      ]),
    );
  });

  it('refuses every admin route to a non-admin with 403 forbidden', async () => {
    const call = numbers();
    const token = bob.tokens.accessToken;
    const attempts: [string, string, unknown?][] = [
      ['GET', '/numbers/available?country=US&type=local'],
      ['POST', '/numbers/orders', { numbers: ['+12125550123'] }],
      ['GET', '/numbers/orders'],
      ['GET', '/numbers/orders/some-order'],
      ['POST', '/numbers/imports', { e164: '+5072100003', carrier: 'sip-trunk' }],
      ['PUT', `/numbers/${enc('+5072100003')}/assignment`, { userId: bob.user.id }],
      ['DELETE', `/numbers/${enc('+5072100003')}/assignment`],
      ['DELETE', `/numbers/${enc('+5072100003')}`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await call(method, path, { token, ...(body ? { body } : {}) });
      expect({ route: `${method} ${path}`, status: res.status, code: res.body?.error?.code }).toEqual({
        route: `${method} ${path}`,
        status: 403,
        code: 'forbidden',
      });
    }
    expect((await call('GET', '/numbers', { token })).body).toEqual({ items: [] });
  });
});

describe('numbers: a Chime number from search to release', () => {
  it('searches, orders, completes through the poll, assigns with a ToPhoneNumber rule to the SMA, tells the user, releases', async () => {
    const call = numbers();
    const token = admin.tokens.accessToken;
    const socket = await RealtimeClient.connect(websocketUrl(devstack.url), ana.tokens.accessToken);
    sockets.push(socket);

    const found = await call('GET', '/numbers/available?country=US&type=local', { token });
    expect(found.status).toBe(200);
    const e164 = found.body.items[0].e164 as string;
    expect(found.body.items[0]).toEqual({ e164, country: 'US', type: 'local', carrier: 'chime' });

    const placed = await call('POST', '/numbers/orders', { token, body: { numbers: [e164] } });
    expect(placed.status).toBe(201);
    expect(placed.body.order).toMatchObject({ status: 'processing', carrier: 'chime', numbers: [{ e164 }] });
    const orderId = placed.body.order.id as string;

    await expect
      .poll(
        async () => {
          await pollOrdersNow();
          return (await call('GET', `/numbers/orders/${orderId}`, { token })).body.order?.status;
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toBe('successful');
    const listed = await call('GET', '/numbers', { token });
    expect(listed.body.items).toContainEqual(expect.objectContaining({ e164, state: 'available', orderId }));
    expect((await call('GET', '/numbers/orders', { token })).body.items).toContainEqual(
      expect.objectContaining({ id: orderId, status: 'successful' }),
    );

    const assigned = await assign(e164, ana);
    expect(assigned.number).toMatchObject({
      e164,
      state: 'assigned',
      assignedTo: { userId: ana.user.id, displayName: ana.user.displayName },
    });
    const smas = await voice.send(new ListSipMediaApplicationsCommand({}));
    const sma = smas.SipMediaApplications?.find((s) => s.Name === `parley-${devstack.stage}`);
    expect(await rulesFor(e164)).toEqual([
      expect.objectContaining({
        TriggerType: 'ToPhoneNumber',
        TriggerValue: e164,
        Disabled: false,
        TargetApplications: [expect.objectContaining({ SipMediaApplicationId: sma?.SipMediaApplicationId })],
      }),
    ]);
    const frame = await socket.waitFor((f) => f.type === 'numbers.NumberAssigned' && f.data.e164 === e164);
    expect(frame.data).toEqual({ e164, userId: ana.user.id, country: 'US', carrier: 'chime' });
    expect((await call('GET', '/numbers', { token: ana.tokens.accessToken })).body.items).toEqual([
      expect.objectContaining({ e164, state: 'assigned' }),
    ]);

    // bad inputs on the way: already assigned, unknown user, a number that is not E.164
    const again = await call('PUT', `/numbers/${enc(e164)}/assignment`, { token, body: { userId: bob.user.id } });
    expect([again.status, again.body.error.code]).toEqual([409, 'number_assigned']);
    const nobody = await call('PUT', `/numbers/${enc(e164)}/assignment`, { token, body: { userId: 'no-such-user' } });
    expect(nobody.status).toBe(409);
    const bad = await call('PUT', `/numbers/12345/assignment`, { token, body: { userId: bob.user.id } });
    expect(bad.status).toBe(400);

    const released = await call('DELETE', `/numbers/${enc(e164)}`, { token });
    expect([released.status, released.body.number?.state]).toEqual([200, 'released']);
    expect(await rulesFor(e164)).toEqual([]);
    const twice = await call('DELETE', `/numbers/${enc(e164)}`, { token });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'number_released']);
    await socket.waitFor((f) => f.type === 'numbers.NumberReleased' && f.data.e164 === e164);
  });

  it('shows a Swiss order honestly as pending-documents', async () => {
    const call = numbers();
    const token = admin.tokens.accessToken;
    const found = await call('GET', '/numbers/available?country=CH&type=local', { token });
    const e164 = found.body.items[0].e164 as string;

    const placed = await call('POST', '/numbers/orders', { token, body: { numbers: [e164] } });

    expect(placed.status).toBe(201);
    expect(placed.body.order).toMatchObject({
      status: 'pending-documents',
      numbers: [{ e164, status: 'pending-documents' }],
    });
    await pollOrdersNow();
    expect((await call('GET', `/numbers/orders/${placed.body.order.id}`, { token })).body.order.status).toBe(
      'pending-documents',
    );
  });
});

describe('numbers: a carrier number for Panama', () => {
  it('imports a pool number, assigns it with the carrier host’s RequestUriHostname rule, unassigns and releases it', async () => {
    const call = numbers();
    const token = admin.tokens.accessToken;
    const pool = await call('GET', '/numbers/available?country=PA&type=local', { token });
    expect(pool.status).toBe(200);
    const e164 = pool.body.items[0].e164 as string;
    expect(pool.body.items[0]).toEqual({ e164, country: 'PA', type: 'local', carrier: 'sip-trunk' });

    const imported = await call('POST', '/numbers/imports', { token, body: { e164, carrier: 'sip-trunk' } });
    expect(imported.status).toBe(201);
    expect(imported.body.number).toMatchObject({
      e164,
      carrier: 'sip-trunk',
      carrierName: 'Devstack Carrier',
      state: 'available',
    });
    const dup = await call('POST', '/numbers/imports', { token, body: { e164, carrier: 'sip-trunk' } });
    expect([dup.status, dup.body.error.code]).toEqual([409, 'number_exists']);

    await assign(e164, ana);
    const connectors = await voice.send(new ListVoiceConnectorsCommand({}));
    const host = connectors.VoiceConnectors?.find((vc) => vc.Name === 'devstack-carrier')?.OutboundHostName ?? '';
    expect(await rulesFor(host)).toEqual([
      expect.objectContaining({ TriggerType: 'RequestUriHostname', Disabled: false }),
    ]);

    // The carrier's rule is shared by its numbers: it goes with the last one assigned. Other tests on
    // this devstack (the web e2e) may hold carrier numbers too, so count them.
    const othersOnCarrier = async () =>
      (
        (await call('GET', '/numbers', { token })).body.items as { e164: string; carrier: string; state: string }[]
      ).filter((n) => n.carrier === 'sip-trunk' && n.state === 'assigned' && n.e164 !== e164).length;
    const unassigned = await call('DELETE', `/numbers/${enc(e164)}/assignment`, { token });
    expect([unassigned.status, unassigned.body.number?.state]).toEqual([200, 'available']);
    expect(await rulesFor(host)).toHaveLength((await othersOnCarrier()) > 0 ? 1 : 0);
    await assign(e164, bob);
    expect(await rulesFor(host)).toHaveLength(1);

    const released = await call('DELETE', `/numbers/${enc(e164)}`, { token });
    expect([released.status, released.body.number?.state]).toEqual([200, 'released']);
    expect(await rulesFor(host)).toHaveLength((await othersOnCarrier()) > 0 ? 1 : 0);
  });

  it('refuses what it cannot do with a clear code and changes nothing', async () => {
    const call = numbers();
    const token = admin.tokens.accessToken;
    const before = (await call('GET', '/numbers', { token })).body.items;

    const cases: [string, string, unknown, number, string][] = [
      ['GET', '/numbers/available?country=FR&type=local', undefined, 400, 'country_not_offered'],
      ['POST', '/numbers/orders', { numbers: ['+5072100003'] }, 422, 'number_not_available'],
      ['POST', '/numbers/orders', { numbers: ['12345'] }, 400, 'validation_failed'],
      ['POST', '/numbers/imports', { e164: '+5079999999', carrier: 'sip-trunk' }, 422, 'number_not_available'],
      // a number nobody imported (the carrier pool's numbers may be taken by other tests of the same devstack)
      ['PUT', `/numbers/${enc('+5079999998')}/assignment`, { userId: ana.user.id }, 404, 'number_not_found'],
      ['DELETE', `/numbers/${enc('+5079999998')}`, undefined, 404, 'number_not_found'],
      ['GET', '/numbers/orders/no-such-order', undefined, 404, 'order_not_found'],
    ];
    for (const [method, path, body, status, code] of cases) {
      const res = await call(method, path, { token, ...(body ? { body } : {}) });
      expect({ route: `${method} ${path}`, status: res.status, code: res.body?.error?.code }).toEqual({
        route: `${method} ${path}`,
        status,
        code,
      });
    }
    expect((await call('GET', '/numbers', { token })).body.items).toEqual(before);
  });

  it('refuses to assign to a user nobody registered: 404 user_not_found', async () => {
    const call = numbers();
    const token = admin.tokens.accessToken;
    const pool = await call('GET', '/numbers/available?country=SG&type=local', { token });
    const e164 = pool.body.items[0].e164 as string;
    await call('POST', '/numbers/imports', { token, body: { e164, carrier: 'sip-trunk' } });

    const res = await call('PUT', `/numbers/${enc(e164)}/assignment`, { token, body: { userId: 'no-such-user' } });

    expect([res.status, res.body.error.code]).toEqual([404, 'user_not_found']);
    expect((await call('GET', '/numbers', { token })).body.items).toContainEqual(
      expect.objectContaining({ e164, state: 'available' }),
    );
    await call('DELETE', `/numbers/${enc(e164)}`, { token });
  });
});
