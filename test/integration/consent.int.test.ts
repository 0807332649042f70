import { RealtimeClient, websocketUrl } from '@parley/realtime/node-client';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { authHeader, type RegisteredUser, registerUser } from '../support/users.ts';

// Consent (docs/security.md, issue 13.4) on devstack: presence only where the person consented,
// message requests, blocks across messaging, calling and identity, and leaving a group respected.
const { url } = inject('devstack');
const open: RealtimeClient[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

async function api<T = Record<string, unknown>>(user: RegisteredUser, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/api${path}`, {
    method,
    headers: { ...authHeader(user), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as T };
}

async function online(user: RegisteredUser): Promise<RealtimeClient> {
  const client = await RealtimeClient.connect(websocketUrl(url), user.tokens.accessToken);
  open.push(client);
  return client;
}

const presenceOf = async (viewer: RegisteredUser, userId: string) =>
  (
    await api<{ items: { userId: string; status: string }[] }>(
      viewer,
      'GET',
      `/notifications/presence?userIds=${userId}`,
    )
  ).body.items;

const poll = { timeout: 15_000, interval: 200 };
let n = 0;
const send = (user: RegisteredUser, conversationId: string, text: string) =>
  api(user, 'POST', `/messaging/conversations/${conversationId}/messages`, { clientMessageId: `c${++n}`, text });

type Conversation = { id: string; request: boolean; members: { userId: string; lastReadSeq?: number }[] };

describe("presence is the person's to give", () => {
  it('given cleo and ana both added ben and ben added only ana, when ben is online, then ana sees him and cleo does not', async () => {
    const [ana, ben, cleo] = [await registerUser(url), await registerUser(url), await registerUser(url)];
    expect((await api(cleo, 'PUT', `/identity/contacts/${ben.user.id}`)).status).toBe(201);
    expect((await api(ana, 'PUT', `/identity/contacts/${ben.user.id}`)).status).toBe(201);
    expect((await api(ben, 'PUT', `/identity/contacts/${ana.user.id}`)).status).toBe(201);
    await online(ben);

    await expect.poll(async () => (await presenceOf(ana, ben.user.id))[0]?.status, poll).toBe('online');
    // cleo's ContactAdded went out before ben's: it has long been applied, and shows her nothing
    expect(await presenceOf(cleo, ben.user.id)).toEqual([]);
  });
});

describe('presence in a group too big for presence frames (ADR 0034)', () => {
  it('given ben in a group of 21 and dee his contact, when ben comes online, then dee gets the frame, ana (a member only) none, and ana may still ask', async () => {
    const members = await Promise.all(Array.from({ length: 21 }, () => registerUser(url)));
    const [ana, ben, dee] = members as [RegisteredUser, RegisteredUser, RegisteredUser];
    const created = await api<{ conversation: Conversation }>(ana, 'POST', '/messaging/conversations', {
      kind: 'group',
      title: 'Everyone',
      memberIds: members.slice(1).map((m) => m.user.id),
    });
    expect(created.status).toBe(201);
    const id = created.body.conversation.id;
    // ben accepts (his presence may reach the group), and adds dee as a contact
    expect((await api(ben, 'POST', `/messaging/conversations/${id}/accept`)).status).toBe(200);
    expect((await api(ben, 'PUT', `/identity/contacts/${dee.user.id}`)).status).toBe(201);
    const [anaSocket, deeSocket] = [await online(ana), await online(dee)];
    // the projections have caught up once ana may see ben's presence (offline, not left out)
    await expect.poll(async () => (await presenceOf(ana, ben.user.id))[0]?.status, poll).toBe('offline');
    await expect.poll(async () => (await presenceOf(dee, ben.user.id))[0]?.status, poll).toBe('offline');

    await online(ben);

    const seen = (f: { type: string; data: Record<string, unknown> }) =>
      f.type === 'notifications.PresenceChanged' && f.data.userId === ben.user.id;
    await deeSocket.waitFor(seen);
    // one event carries both audiences: had ana been in it, her frame was posted with dee's
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(anaSocket.frames(seen)).toEqual([]);
    expect(await presenceOf(ana, ben.user.id)).toMatchObject([{ userId: ben.user.id, status: 'online' }]);
  });
});

describe('message requests', () => {
  it('given a stranger writes to ben, when ben reads it, then it is a request: no read receipt and no presence for her until he accepts', async () => {
    const [eve, ben] = [await registerUser(url), await registerUser(url)];
    await online(ben);
    await online(eve);
    const created = await api<{ conversation: Conversation }>(eve, 'POST', '/messaging/conversations', {
      memberIds: [ben.user.id],
    });
    const id = created.body.conversation.id;
    expect((await send(eve, id, 'hello, remember me?')).status).toBe(201);

    const list = await api<{ items: Conversation[] }>(ben, 'GET', '/messaging/conversations');
    expect(list.body.items).toMatchObject([{ id, request: true }]);
    expect((await api(ben, 'POST', `/messaging/conversations/${id}/read`, { seq: 1 })).status).toBe(200);
    const seenByEve = await api<{ conversation: Conversation }>(eve, 'GET', `/messaging/conversations/${id}`);
    expect(seenByEve.body.conversation.members.find((m) => m.userId === ben.user.id)?.lastReadSeq).toBe(0);
    // eve chose to write: ben may see her presence (this also tells the projection has the conversation)
    await expect.poll(async () => (await presenceOf(ben, eve.user.id))[0]?.status, poll).toBe('online');
    expect(await presenceOf(eve, ben.user.id)).toEqual([]);

    const accepted = await api<{ conversation: Conversation }>(ben, 'POST', `/messaging/conversations/${id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.conversation.request).toBe(false);
    await expect.poll(async () => (await presenceOf(eve, ben.user.id))[0]?.status, poll).toBe('online');
    const afterAccept = await api<{ conversation: Conversation }>(eve, 'GET', `/messaging/conversations/${id}`);
    expect(afterAccept.body.conversation.members.find((m) => m.userId === ben.user.id)?.lastReadSeq).toBe(1);
  });

  it('given a request, when ben declines it, then it leaves his list and her later messages do not reach his socket', async () => {
    const [eve, ben] = [await registerUser(url), await registerUser(url)];
    const id = (
      await api<{ conversation: Conversation }>(eve, 'POST', '/messaging/conversations', { memberIds: [ben.user.id] })
    ).body.conversation.id;
    expect((await api(ben, 'POST', `/messaging/conversations/${id}/decline`)).status).toBe(204);
    const socket = await online(ben);

    expect((await send(eve, id, 'hello again')).status).toBe(201);

    expect((await api<{ items: Conversation[] }>(ben, 'GET', '/messaging/conversations')).body.items).toEqual([]);
    // a marker frame after hers: ben's own message to himself in another chat with a friend
    const friend = await registerUser(url);
    const other = (
      await api<{ conversation: Conversation }>(ben, 'POST', '/messaging/conversations', {
        memberIds: [friend.user.id],
      })
    ).body.conversation.id;
    await send(ben, other, 'marker');
    await socket.waitFor((f) => f.type === 'messaging.MessageSent' && f.data.conversationId === other);
    expect(socket.frames((f) => f.data?.conversationId === id)).toEqual([]);
    // a request can be declined; an accepted chat cannot (409)
    expect((await api(ben, 'POST', `/messaging/conversations/${other}/decline`)).status).toBe(409);
  });
});

describe('blocks', () => {
  it('given ben blocks ana, then she can neither write nor call him, his list shows her, and unblocking lets her write again', async () => {
    const [ana, ben] = [await registerUser(url), await registerUser(url)];
    const id = (
      await api<{ conversation: Conversation }>(ana, 'POST', '/messaging/conversations', { memberIds: [ben.user.id] })
    ).body.conversation.id;
    expect((await api(ben, 'PUT', `/identity/blocks/${ana.user.id}`)).status).toBe(201);
    expect((await api(ben, 'PUT', `/identity/blocks/${ana.user.id}`)).status).toBe(200);
    expect((await api(ben, 'PUT', `/identity/blocks/${ben.user.id}`)).status).toBe(422);

    await expect.poll(async () => (await send(ana, id, 'are you there?')).status, poll).toBe(403);
    const refused = await send(ana, id, 'hello?');
    expect(refused.body).toMatchObject({ error: { message: 'You cannot message this person.' } });
    const call = () => api(ana, 'POST', '/calling/calls', { to: { userId: ben.user.id }, media: 'audio' });
    await expect.poll(async () => (await call()).status, poll).toBe(403);
    const blocks = await api<{ items: { id: string }[] }>(ben, 'GET', '/identity/blocks');
    expect(blocks.body.items.map((b) => b.id)).toEqual([ana.user.id]);
    expect((await api<{ items: unknown[] }>(ana, 'GET', '/identity/blocks')).body.items).toEqual([]);

    expect((await api(ben, 'DELETE', `/identity/blocks/${ana.user.id}`)).status).toBe(204);
    await expect.poll(async () => (await send(ana, id, 'friends again?')).status, poll).toBe(201);
  });
});

describe('leaving a group is respected', () => {
  it('given cleo left a group, when a contact of hers adds her back, then it is a request again', async () => {
    const [ana, cleo] = [await registerUser(url), await registerUser(url)];
    expect((await api(cleo, 'PUT', `/identity/contacts/${ana.user.id}`)).status).toBe(201);
    // until messaging has cleo's contact, a group from ana is a request for her: wait for one that is not
    let id = '';
    await expect
      .poll(async () => {
        const res = await api<{ conversation: Conversation }>(ana, 'POST', '/messaging/conversations', {
          memberIds: [cleo.user.id],
          kind: 'group',
          title: 'Book club',
        });
        id = res.body.conversation.id;
        const seen = await api<{ conversation: Conversation }>(cleo, 'GET', `/messaging/conversations/${id}`);
        return seen.body.conversation.request;
      }, poll)
      .toBe(false);

    expect((await api(cleo, 'DELETE', `/messaging/conversations/${id}/members/${cleo.user.id}`)).status).toBe(204);
    expect((await api(ana, 'POST', `/messaging/conversations/${id}/members`, { userIds: [cleo.user.id] })).status).toBe(
      200,
    );

    const seen = await api<{ conversation: Conversation }>(cleo, 'GET', `/messaging/conversations/${id}`);
    expect(seen.body.conversation.request).toBe(true);
  });
});

describe('profile changes arrive live', () => {
  it('given ana and ben share a conversation, when ben renames himself and sets a mobile, then ana gets a profile frame with public fields only', async () => {
    const [ana, ben] = [await registerUser(url), await registerUser(url)];
    const id = (
      await api<{ conversation: Conversation }>(ana, 'POST', '/messaging/conversations', { memberIds: [ben.user.id] })
    ).body.conversation.id;
    const socket = await online(ana);
    // the membership projection has the conversation once ben may see ana's presence (she started it)
    await expect
      .poll(async () => {
        const res = await fetch(`${url}/api/notifications/presence?userIds=${ana.user.id}`, {
          headers: authHeader(ben),
        });
        return ((await res.json()) as { items: unknown[] }).items.length;
      }, poll)
      .toBe(1);
    expect(id).toBeTruthy();

    const renamed = await api(ben, 'PATCH', '/identity/me', {
      displayName: 'Ben Renamed',
      mobileNumber: '+41791234567',
    });
    expect(renamed.status).toBe(200);

    const frame = await socket.waitFor((f) => f.type === 'profile' && f.data.userId === ben.user.id);
    expect(frame.data).toEqual({ userId: ben.user.id, displayName: 'Ben Renamed', changed: ['displayName'] });
  });
});
