import type { ServerFrame } from '@parley/realtime/frames';
import { RealtimeClient, websocketUrl } from '@parley/realtime/node-client';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { authHeader, type RegisteredUser, registerUser } from '../support/users.ts';

// Limits on costly real-time acts (docs/security.md, "Limits (notifications)"), on devstack with real `ws` clients.
const { url } = inject('devstack');
const wsUrl = websocketUrl(url);
const open: RealtimeClient[] = [];

/** notifications' MAX_CONNECTIONS_PER_USER and TYPING_COOLDOWN_MS (a service's code is not imported here). */
const MAX_SOCKETS = 10;
const TYPING_COOLDOWN_MS = 2_500;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function connect(user: RegisteredUser): Promise<RealtimeClient> {
  const client = await RealtimeClient.connect(wsUrl, user.tokens.accessToken);
  open.push(client);
  return client;
}

async function conversationOf(creator: RegisteredUser, other: RegisteredUser): Promise<string> {
  const res = await fetch(`${url}/api/messaging/conversations`, {
    method: 'POST',
    headers: { ...authHeader(creator), 'content-type': 'application/json' },
    body: JSON.stringify({ memberIds: [other.user.id] }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { conversation: { id: string } }).conversation.id;
}

let sent = 0;
async function send(user: RegisteredUser, conversationId: string, text: string): Promise<string> {
  const res = await fetch(`${url}/api/messaging/conversations/${conversationId}/messages`, {
    method: 'POST',
    headers: { ...authHeader(user), 'content-type': 'application/json' },
    body: JSON.stringify({ clientMessageId: `limits-${Date.now()}-${++sent}`, text }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { message: { id: string } }).message.id;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

describe('open sockets per user', () => {
  it('given a user with MAX sockets, when two more connect, then the two oldest are closed and a message reaches MAX sockets', async () => {
    // Prepare
    const [ana, ben] = [await registerUser(url), await registerUser(url)];
    const conversationId = await conversationOf(ben, ana);
    const sockets: RealtimeClient[] = [];
    for (let i = 0; i < MAX_SOCKETS + 2; i += 1) {
      sockets.push(await connect(ana));
      await sleep(20); // distinct connect times: "oldest" is well defined
    }
    // Act: the server closes the two oldest
    await Promise.race([
      Promise.all(sockets.slice(0, 2).map((s) => s.closed())),
      sleep(10_000).then(() => {
        throw new Error(`oldest sockets still open: ${sockets.map((s) => s.open)}`);
      }),
    ]);
    const messageId = await send(ben, conversationId, 'to every socket of ana');
    const newest = sockets.slice(2);
    await Promise.all(newest.map((s) => s.waitFor((f) => f.data.messageId === messageId)));
    await sleep(500);
    // Assess: exactly MAX frames for one message, none to the closed sockets
    const copies = sockets.flatMap((s) => s.frames((f: ServerFrame) => f.data.messageId === messageId));
    expect(copies).toHaveLength(MAX_SOCKETS);
    expect(sockets.map((s) => s.open)).toEqual([false, false, ...newest.map(() => true)]);
  });
});

describe('typing', () => {
  it('given 50 typing actions in a burst, when relayed, then the other member gets one frame per cooldown, not 50', async () => {
    // Prepare: ben hears ana typing once the membership projection has the conversation
    const [ana, ben] = [await registerUser(url), await registerUser(url)];
    const conversationId = await conversationOf(ana, ben);
    const [anaSocket, benSocket] = [await connect(ana), await connect(ben)];
    const typing = (f: ServerFrame) => f.type === 'typing' && f.data.conversationId === conversationId;
    const deadline = Date.now() + 30_000;
    while (benSocket.frames(typing).length === 0) {
      if (Date.now() > deadline) throw new Error('no typing frame within 30 s');
      anaSocket.send({ action: 'typing', conversationId });
      await benSocket.waitFor(typing, 1_000).catch(() => undefined);
    }
    await sleep(TYPING_COOLDOWN_MS + 500);
    const before = benSocket.frames(typing).length;
    // Act
    const start = Date.now();
    for (let i = 0; i < 50; i += 1) anaSocket.send({ action: 'typing', conversationId });
    anaSocket.send({ action: 'ping' });
    await anaSocket.waitFor((f) => f.type === 'pong');
    await benSocket.waitFor((f) => typing(f) && benSocket.frames(typing).length > before, 10_000);
    await sleep(1_500);
    const elapsed = Date.now() - start;
    // Assess: at most one frame per started cooldown window during the burst
    const burst = benSocket.frames(typing).length - before;
    expect(burst).toBeGreaterThanOrEqual(1);
    expect(burst).toBeLessThanOrEqual(1 + Math.floor(elapsed / TYPING_COOLDOWN_MS));
    // and after the window, typing is heard again
    await sleep(TYPING_COOLDOWN_MS);
    const again = benSocket.frames(typing).length;
    anaSocket.send({ action: 'typing', conversationId });
    await benSocket.waitFor(() => benSocket.frames(typing).length > again, 10_000);
  });
});
