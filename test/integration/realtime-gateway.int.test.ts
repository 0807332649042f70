import { HandshakeRefused, RealtimeClient, websocketUrl } from '@parley/realtime/node-client';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { authHeader, type RegisteredUser, registerUser } from '../support/users.ts';

// The WebSocket gateway on devstack, through the public origin's /ws, with real `ws` clients.
const { url } = inject('devstack');
const wsUrl = websocketUrl(url);
const open: RealtimeClient[] = [];

async function connect(user: RegisteredUser, origin?: string): Promise<RealtimeClient> {
  const client = await RealtimeClient.connect(wsUrl, user.tokens.accessToken, origin ? { origin } : {});
  open.push(client);
  return client;
}

async function api(user: RegisteredUser, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/api${path}`, {
    method,
    headers: { ...authHeader(user), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json().catch(() => undefined)) as Record<string, unknown> };
}

type PresenceItem = { userId: string; status: string; lastSeenAt: string | null };
async function presence(viewer: RegisteredUser, ...userIds: string[]): Promise<PresenceItem[]> {
  const res = await api(viewer, 'GET', `/notifications/presence?userIds=${userIds.join(',')}`);
  expect(res.status).toBe(200);
  return res.body.items as PresenceItem[];
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

describe('handshake', () => {
  let ana: RegisteredUser;
  beforeAll(async () => {
    ana = await registerUser(url);
  });

  it('given a bad, forged or missing token, when connecting, then the handshake is refused', async () => {
    const forged = `${ana.tokens.accessToken.slice(0, -6)}AAAAAA`;
    for (const token of ['not-a-jwt', forged, '']) {
      const refusal = await RealtimeClient.connect(wsUrl, token).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(refusal).toBeInstanceOf(HandshakeRefused);
      expect([401, 403]).toContain((refusal as HandshakeRefused).status);
    }
  });

  it('given a foreign Origin, when connecting with a valid token, then the handshake is refused with 403', async () => {
    await expect(
      RealtimeClient.connect(wsUrl, ana.tokens.accessToken, { origin: 'https://evil.example' }),
    ).rejects.toMatchObject({
      status: 403,
    });
  });

  it('given the web client origin or no Origin (a non-browser client), when connecting, then the socket opens', async () => {
    expect((await connect(ana, url)).open).toBe(true);
    expect((await connect(ana)).open).toBe(true);
  });
});

describe('client actions', () => {
  it('given an open socket, when it pings, sends garbage or an unknown action, then it gets pong and error frames', async () => {
    const client = await connect(await registerUser(url));

    client.send({ action: 'ping' });
    const pong = await client.waitFor((f) => f.type === 'pong');
    client.sendRaw('{not json');
    await client.waitFor((f) => f.type === 'error' && f.data.code === 'invalid_json');
    client.send({ action: 'shout', text: 'hi' });
    await client.waitFor((f) => f.type === 'error' && f.data.code === 'unknown_action');
    client.send({ action: 'typing', conversationId: 7 });
    const invalid = await client.waitFor((f) => f.type === 'error' && f.data.code === 'validation_failed');

    expect(pong).toMatchObject({ v: 1, data: {} });
    expect(invalid.data).toMatchObject({ action: 'typing' });
    expect(client.open).toBe(true);
  });
});

describe('presence', () => {
  it('given ben added ana as a contact, when ben connects and disconnects, then ana sees him online then offline, and a stranger sees nothing', async () => {
    // Prepare: presence is ben's to give — he added ana (ana adding ben alone would show her nothing)
    const [ana, ben, eve] = [await registerUser(url), await registerUser(url), await registerUser(url)];
    expect((await api(ben, 'PUT', `/identity/contacts/${ana.user.id}`)).status).toBeLessThan(300);
    const anaSocket = await connect(ana);
    // the contact reaches notifications' projection through the bus
    await expect.poll(() => presence(ana, ben.user.id), { timeout: 15_000, interval: 200 }).toHaveLength(1);

    // Act: ben comes online
    const benSocket = await connect(ben);
    const online = await anaSocket.waitFor(
      (f) => f.type === 'notifications.PresenceChanged' && f.data.userId === ben.user.id,
    );
    const seenOnline = await presence(ana, ben.user.id);
    // Act: ben leaves
    await benSocket.close();
    const offline = await anaSocket.waitFor(
      (f) => f.type === 'notifications.PresenceChanged' && f.data.userId === ben.user.id && f.data.status === 'offline',
    );
    await expect
      .poll(async () => (await presence(ana, ben.user.id))[0]?.status, { timeout: 15_000, interval: 200 })
      .toBe('offline');
    const seenOffline = await presence(ana, ben.user.id);

    // Assess
    expect(online.data).toMatchObject({ status: 'online' });
    expect(seenOnline).toEqual([{ userId: ben.user.id, status: 'online', lastSeenAt: expect.any(String) }]);
    expect(offline.data).toMatchObject({ status: 'offline' });
    expect(seenOffline[0]?.lastSeenAt).toBe(offline.data.lastSeenAt);
    expect(await presence(eve, ben.user.id, eve.user.id)).toEqual([
      { userId: eve.user.id, status: 'offline', lastSeenAt: null },
    ]);
  });

  it('given a presence query with bad ids, when asked, then 400 and no data', async () => {
    const ana = await registerUser(url);
    const res = await api(ana, 'GET', '/notifications/presence?userIds=../etc');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'validation_failed' } });
  });
});

describe('preferences', () => {
  it('given a new user, when read, changed with bad input and changed properly, then defaults, 400 without change, then saved', async () => {
    const ana = await registerUser(url);
    const defaults = await api(ana, 'GET', '/notifications/preferences');

    const bad = [
      { smsOnVoicemail: 'yes' },
      { offlineDelayMinutes: -1 },
      { smsOnVoicemail: false, mobileNumber: '+41445550101' },
      '{"smsOnVoicemail":',
    ];
    for (const body of bad) expect((await api(ana, 'PUT', '/notifications/preferences', body)).status).toBe(400);
    const unchanged = await api(ana, 'GET', '/notifications/preferences');
    const saved = await api(ana, 'PUT', '/notifications/preferences', {
      smsOnMessageWhenOffline: true,
      offlineDelayMinutes: 3,
    });
    const reread = await api(ana, 'GET', '/notifications/preferences');

    expect(defaults.body).toEqual({
      smsOnMissedCall: true,
      smsOnVoicemail: true,
      smsOnMessageWhenOffline: false,
      offlineDelayMinutes: 10,
    });
    expect(unchanged.body).toEqual(defaults.body);
    expect(saved.status).toBe(200);
    expect(reread.body).toEqual({ ...defaults.body, smsOnMessageWhenOffline: true, offlineDelayMinutes: 3 });
  });
});

describe('sessions', () => {
  it('given an open socket, when its session is logged out, then the server closes the socket', async () => {
    const ana = await registerUser(url);
    const client = await connect(ana);

    const res = await fetch(`${url}/api/identity/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: ana.tokens.refreshToken }),
    });

    expect(res.status).toBe(204);
    await client.closed();
    expect(client.open).toBe(false);
  });

  it('given a socket that opened a moment ago, when the session is logged out, then a new handshake with the same token is refused at once', async () => {
    const ana = await registerUser(url);
    // An "active" answer is now fresh in the authorizer: an HTTP route would believe it for 10 s.
    await connect(ana);

    const res = await fetch(`${url}/api/identity/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: ana.tokens.refreshToken }),
    });

    expect(res.status).toBe(204);
    await expect(RealtimeClient.connect(wsUrl, ana.tokens.accessToken)).rejects.toBeInstanceOf(HandshakeRefused);
  });
});
