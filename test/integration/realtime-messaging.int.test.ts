import type { ServerFrame } from '@parley/realtime/frames';
import { RealtimeClient, websocketUrl } from '@parley/realtime/node-client';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { authHeader, type RegisteredUser, registerUser } from '../support/users.ts';

// Messages travel messaging → EventBridge → notifications → WebSocket, on devstack, with real `ws` clients.
const { url } = inject('devstack');
const wsUrl = websocketUrl(url);
const open: RealtimeClient[] = [];

async function connect(user: RegisteredUser): Promise<RealtimeClient> {
  const client = await RealtimeClient.connect(wsUrl, user.tokens.accessToken);
  open.push(client);
  return client;
}

async function api<T = Record<string, unknown>>(user: RegisteredUser, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/api/messaging${path}`, {
    method,
    headers: { ...authHeader(user), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as T };
}

async function conversationOf(creator: RegisteredUser, ...others: RegisteredUser[]): Promise<string> {
  const res = await api<{ conversation: { id: string } }>(creator, 'POST', '/conversations', {
    memberIds: others.map((o) => o.user.id),
    ...(others.length > 1 ? { kind: 'group', title: 'test group' } : {}),
  });
  expect(res.status).toBe(201);
  return res.body.conversation.id;
}

let counter = 0;
async function send(user: RegisteredUser, conversationId: string, text: string): Promise<{ id: string; seq: number }> {
  const res = await api<{ message: { id: string; seq: number } }>(
    user,
    'POST',
    `/conversations/${conversationId}/messages`,
    {
      clientMessageId: `cm-${Date.now()}-${++counter}`,
      text,
    },
  );
  expect(res.status).toBe(201);
  return res.body.message;
}

const sentIn = (conversationId: string) => (f: ServerFrame) =>
  f.type === 'messaging.MessageSent' && f.data.conversationId === conversationId;
const ofConversation = (conversationId: string) => (f: ServerFrame) => f.data.conversationId === conversationId;

/** What a client renders: frames deduplicated by id, in seq order. */
function timeline(client: RealtimeClient, conversationId: string): number[] {
  const byId = new Map(client.frames(sentIn(conversationId)).map((f) => [f.id, f.data.seq as number]));
  return [...byId.values()].sort((a, b) => a - b);
}

/**
 * `typist` sends a typing frame until `listener` hears one matching `heard` (each try waits a second:
 * the membership projection may not have the conversation yet).
 */
async function typeUntilHeard(
  typist: RealtimeClient,
  conversationId: string,
  listener: RealtimeClient,
  heard: (f: ServerFrame) => boolean,
): Promise<ServerFrame> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    typist.send({ action: 'typing', conversationId });
    const frame = await listener.waitFor(heard, 1_000).catch(() => undefined);
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error(`no typing frame in ${conversationId} within 30 s`);
  }
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

describe('messages in real time', () => {
  it('given two users in a conversation, when they take turns writing, then each sees the other in order, once', async () => {
    // Prepare
    const [ana, ben] = [await registerUser(url), await registerUser(url)];
    const conversationId = await conversationOf(ana, ben);
    const [anaSocket, benSocket] = [await connect(ana), await connect(ben)];
    // Act: a dialogue, each reply written once the previous message has arrived
    const sent: number[] = [];
    for (let turn = 0; turn < 10; turn += 1) {
      const [writer, reader] = turn % 2 === 0 ? [ana, benSocket] : [ben, anaSocket];
      const message = await send(writer, conversationId, `turn ${turn}`);
      sent.push(message.seq);
      await reader.waitFor((f) => sentIn(conversationId)(f) && f.data.messageId === message.id);
    }
    for (const socket of [anaSocket, benSocket])
      await socket.waitFor((f) => sentIn(conversationId)(f) && f.data.seq === sent.at(-1));
    // Assess: arrival order is seq order, nothing twice
    for (const socket of [anaSocket, benSocket]) {
      const arrived = socket.frames(sentIn(conversationId));
      expect(arrived.map((f) => f.data.seq)).toEqual(sent);
      expect(new Set(arrived.map((f) => f.id)).size).toBe(arrived.length);
    }
    const fromAna = benSocket.frames(sentIn(conversationId)).filter((f) => f.data.senderId === ana.user.id);
    expect(fromAna.map((f) => f.data.text)).toEqual(['turn 0', 'turn 2', 'turn 4', 'turn 6', 'turn 8']);
  });

  it('given a burst of messages, when they are sent back to back, then the reader ends up with every seq exactly once', async () => {
    const [ana, ben] = [await registerUser(url), await registerUser(url)];
    const conversationId = await conversationOf(ana, ben);
    const benSocket = await connect(ben);

    const seqs: number[] = [];
    for (let i = 0; i < 15; i += 1) seqs.push((await send(ana, conversationId, `burst ${i}`)).seq);
    await benSocket.waitFor((f) => sentIn(conversationId)(f) && f.data.seq === seqs.at(-1));
    await Promise.all(seqs.map((seq) => benSocket.waitFor((f) => sentIn(conversationId)(f) && f.data.seq === seq)));

    expect(timeline(benSocket, conversationId)).toEqual(seqs);
  });

  it('given a client that disconnects and misses 20 messages, when it reconnects, then afterSeq recovers every one, none twice', async () => {
    // Prepare: ben has seen the start of the conversation live
    const [ana, ben] = [await registerUser(url), await registerUser(url)];
    const conversationId = await conversationOf(ana, ben);
    const first = await connect(ben);
    const opening = await send(ana, conversationId, 'before the tunnel');
    await first.waitFor((f) => sentIn(conversationId)(f) && f.data.messageId === opening.id);
    const lastSeen = Math.max(...timeline(first, conversationId));
    await first.close();
    // Act: 20 messages while ben is away, then he reconnects and catches up
    const missed: string[] = [];
    for (let i = 0; i < 20; i += 1) missed.push((await send(ana, conversationId, `missed ${i}`)).id);
    const second = await connect(ben);
    const page = await api<{ items: { id: string; seq: number }[] }>(
      ben,
      'GET',
      `/conversations/${conversationId}/messages?afterSeq=${lastSeen}&limit=100`,
    );
    const after = await send(ana, conversationId, 'after the tunnel');
    await second.waitFor((f) => sentIn(conversationId)(f) && f.data.messageId === after.id);
    // Assess: the client's merged view (frames + history, deduplicated by message id)
    expect(page.status).toBe(200);
    expect(page.body.items.map((m) => m.id)).toEqual(missed);
    expect(page.body.items.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => lastSeen + 1 + i));
    const live = [...first.frames(sentIn(conversationId)), ...second.frames(sentIn(conversationId))].map((f) => ({
      id: f.data.messageId as string,
      seq: f.data.seq as number,
    }));
    const merged = new Map([...live, ...page.body.items].map((m) => [m.id, m.seq]));
    expect([...merged.values()].sort((a, b) => a - b)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(second.frames(sentIn(conversationId)).map((f) => f.data.messageId)).toEqual([after.id]);
  });

  it('given an outsider connected all along, when members talk, then the outsider gets no frame of that conversation and no history', async () => {
    const [ana, ben, eve] = [await registerUser(url), await registerUser(url), await registerUser(url)];
    const eveSocket = await connect(eve);
    const conversationId = await conversationOf(ana, ben);
    const benSocket = await connect(ben);

    const last = await send(ana, conversationId, 'members only');
    await benSocket.waitFor((f) => sentIn(conversationId)(f) && f.data.messageId === last.id);
    eveSocket.send({ action: 'typing', conversationId });
    await eveSocket.waitFor((f) => f.type === 'error' && f.data.code === 'not_a_member');
    const history = await api(eve, 'GET', `/conversations/${conversationId}/messages`);

    expect(eveSocket.frames(ofConversation(conversationId))).toEqual([]);
    expect([403, 404]).toContain(history.status);
  });
});

describe('typing and presence through conversations', () => {
  it('given a group, when a member types, then the other members see it and neither the typist nor an outsider does', async () => {
    const [ana, ben, cleo, eve] = [
      await registerUser(url),
      await registerUser(url),
      await registerUser(url),
      await registerUser(url),
    ];
    const conversationId = await conversationOf(ana, ben, cleo);
    const withEve = await conversationOf(ana, eve);
    const anaSocket = await connect(ana);
    const benSocket = await connect(ben);
    const cleoSocket = await connect(cleo);
    const eveSocket = await connect(eve);
    const typingIn = (id: string, userId: string) => (f: ServerFrame) =>
      f.type === 'typing' && f.data.conversationId === id && f.data.userId === userId;
    const isTyping = (f: ServerFrame) => f.type === 'typing' && f.data.conversationId === conversationId;

    // Act: ana types (retried: the membership projection follows ConversationCreated through the bus)
    const heard = await typeUntilHeard(anaSocket, conversationId, benSocket, typingIn(conversationId, ana.user.id));
    await cleoSocket.waitFor(typingIn(conversationId, ana.user.id), 5_000);
    // Markers, relayed after ana's typing by the same route: ben types back (ana must get that), and ana
    // types in her conversation with eve (eve must get that). A stray frame would have come before them.
    await typeUntilHeard(benSocket, conversationId, anaSocket, typingIn(conversationId, ben.user.id));
    await typeUntilHeard(anaSocket, withEve, eveSocket, typingIn(withEve, ana.user.id));

    // Assess
    expect(heard.data, JSON.stringify({ ana: anaSocket.frames(), ben: benSocket.frames() })).toEqual({
      conversationId,
      userId: ana.user.id,
    });
    expect(eveSocket.frames(isTyping)).toEqual([]);
    expect(anaSocket.frames(typingIn(conversationId, ana.user.id))).toEqual([]);
  });

  it('given two people who share a conversation both accepted, when one connects and leaves, then the other gets online and offline frames', async () => {
    const [ana, ben] = [await registerUser(url), await registerUser(url)];
    const conversationId = await conversationOf(ana, ben);
    // ana is a stranger to ben: her chat is a request until ben accepts it
    expect((await api(ben, 'POST', `/conversations/${conversationId}/accept`)).status).toBe(200);
    const anaSocket = await connect(ana);
    // ana may see ben's presence once the membership projection has the conversation
    const deadline = Date.now() + 15_000;
    let visible = false;
    while (!visible && Date.now() < deadline) {
      const res = await fetch(`${url}/api/notifications/presence?userIds=${ben.user.id}`, { headers: authHeader(ana) });
      visible = ((await res.json()) as { items: unknown[] }).items.length === 1;
      if (!visible) await new Promise((r) => setTimeout(r, 200));
    }
    expect(visible).toBe(true);

    const benSocket = await connect(ben);
    await anaSocket.waitFor(
      (f) => f.type === 'notifications.PresenceChanged' && f.data.userId === ben.user.id && f.data.status === 'online',
    );
    await benSocket.close();
    await anaSocket.waitFor(
      (f) => f.type === 'notifications.PresenceChanged' && f.data.userId === ben.user.id && f.data.status === 'offline',
    );
  });
});
