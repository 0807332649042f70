import { RealtimeClient, websocketUrl } from '@parley/realtime/node-client';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { authHeader, type RegisteredUser, registerUser } from '../support/users.ts';

// Groups on devstack: rename (live to every member over the WebSocket), who may remove whom, and
// each person's own mute / archive / pin on their inbox entry (issue 14).
const { url } = inject('devstack');
const open: RealtimeClient[] = [];

async function connect(user: RegisteredUser): Promise<RealtimeClient> {
  const client = await RealtimeClient.connect(websocketUrl(url), user.tokens.accessToken);
  open.push(client);
  return client;
}

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read field by field
async function api<T = any>(user: RegisteredUser, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/api/messaging${path}`, {
    method,
    headers: { ...authHeader(user), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as T };
}

async function group(creator: RegisteredUser, ...others: RegisteredUser[]): Promise<string> {
  const res = await api(creator, 'POST', '/conversations', {
    memberIds: others.map((o) => o.user.id),
    kind: 'group',
    title: 'Team',
  });
  expect(res.status).toBe(201);
  return res.body.conversation.id;
}

let counter = 0;
const send = (user: RegisteredUser, id: string, text: string) =>
  api(user, 'POST', `/conversations/${id}/messages`, { clientMessageId: `g-${Date.now()}-${++counter}`, text });

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

describe('group management', () => {
  it('given a group of three, when a member who is not an admin renames it, then every member hears it live and reads it', async () => {
    const [ana, ben, cat] = [await registerUser(url), await registerUser(url), await registerUser(url)];
    const id = await group(ana, ben, cat);
    const [anaSocket, catSocket] = [await connect(ana), await connect(cat)];

    const renamed = await api(ben, 'PATCH', `/conversations/${id}`, { title: 'Launch crew' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.conversation.title).toBe('Launch crew');

    for (const socket of [anaSocket, catSocket]) {
      const frame = await socket.waitFor(
        (f) => f.type === 'messaging.ConversationRenamed' && f.data.conversationId === id,
        20_000,
      );
      expect(frame.data).toMatchObject({ title: 'Launch crew', previousTitle: 'Team', renamedBy: ben.user.id });
    }
    expect((await api(cat, 'GET', `/conversations/${id}`)).body.conversation.title).toBe('Launch crew');
  });

  it('refuses bad titles (400), outsiders (404) and renaming a direct chat (409), changing nothing', async () => {
    const [ana, ben, eve] = [await registerUser(url), await registerUser(url), await registerUser(url)];
    const id = await group(ana, ben);
    for (const body of [
      {},
      { title: '' },
      { title: 'x'.repeat(121) },
      { title: 'ok', extra: 1 },
      { title: '\u202eevil' },
    ]) {
      const res = await api(ana, 'PATCH', `/conversations/${id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const outsider = await api(eve, 'PATCH', `/conversations/${id}`, { title: 'Mine' });
    expect(outsider.status).toBe(404);
    expect(outsider.body.error.code).toBe('conversation_not_found');
    const direct = await api(ana, 'POST', '/conversations', { memberIds: [eve.user.id] });
    const refused = await api(ana, 'PATCH', `/conversations/${direct.body.conversation.id}`, { title: 'Us' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('direct_conversation_is_fixed');
    expect((await api(ana, 'GET', `/conversations/${id}`)).body.conversation.title).toBe('Team');
  });

  it('given a member who is not an admin, when they remove someone else, then 403 not_an_admin; an admin makes them admin and then they can', async () => {
    const [ana, ben, cat] = [await registerUser(url), await registerUser(url), await registerUser(url)];
    const id = await group(ana, ben, cat);

    const refused = await api(ben, 'DELETE', `/conversations/${id}/members/${cat.user.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('not_an_admin');
    const notAdminEither = await api(ben, 'PUT', `/conversations/${id}/admins/${ben.user.id}`);
    expect(notAdminEither.status).toBe(403);

    const promoted = await api(ana, 'PUT', `/conversations/${id}/admins/${ben.user.id}`);
    expect(promoted.status).toBe(200);
    const roles = Object.fromEntries(
      promoted.body.conversation.members.map((m: { userId: string; role: string }) => [m.userId, m.role]),
    );
    expect(roles).toEqual({ [ana.user.id]: 'admin', [ben.user.id]: 'admin', [cat.user.id]: 'member' });

    expect((await api(ben, 'DELETE', `/conversations/${id}/members/${cat.user.id}`)).status).toBe(204);
    expect((await api(cat, 'GET', `/conversations/${id}`)).status).toBe(404);
  });
});

describe('mute, archive and pin', () => {
  it('given three chats, when one is pinned and one archived, then they survive, list pinned first, and nobody else sees them', async () => {
    const [ana, ben, cat, dan] = [
      await registerUser(url),
      await registerUser(url),
      await registerUser(url),
      await registerUser(url),
    ];
    const ids: string[] = [];
    for (const other of [ben, cat, dan]) {
      const res = await api(ana, 'POST', '/conversations', { memberIds: [other.user.id] });
      ids.push(res.body.conversation.id);
      expect((await send(other, res.body.conversation.id, 'hello')).status).toBe(201);
    }
    const [withBen, withCat, withDan] = ids as [string, string, string];

    const pinned = await api(ana, 'PUT', `/conversations/${withBen}/preferences`, { pinned: true, muted: true });
    expect(pinned.status).toBe(200);
    expect(pinned.body.conversation).toMatchObject({ pinned: true, muted: true, archived: false });
    expect((await api(ana, 'PUT', `/conversations/${withDan}/preferences`, { archived: true })).status).toBe(200);

    const list = (await api(ana, 'GET', '/conversations')).body.items as {
      id: string;
      pinned: boolean;
      archived: boolean;
      muted: boolean;
    }[];
    const mine = list.filter((c) => ids.includes(c.id));
    // pinned first (Ben's is the oldest), then by activity: Dan's (archived, flagged) before Cat's
    expect(mine.map((c) => c.id)).toEqual([withBen, withDan, withCat]);
    expect(mine.map((c) => [c.pinned, c.muted, c.archived])).toEqual([
      [true, true, false],
      [false, false, true],
      [false, false, false],
    ]);
    // Ben's view of the same chat shows none of Ana's choices
    expect((await api(ben, 'GET', `/conversations/${withBen}`)).body.conversation).toMatchObject({
      pinned: false,
      muted: false,
      archived: false,
    });

    // a new message from Dan unarchives his chat (it is not muted)
    expect((await send(dan, withDan, 'are you there?')).status).toBe(201);
    expect((await api(ana, 'GET', `/conversations/${withDan}`)).body.conversation.archived).toBe(false);
  });

  it('refuses bad preferences (400) and outsiders (404), storing nothing', async () => {
    const [ana, ben, eve] = [await registerUser(url), await registerUser(url), await registerUser(url)];
    const id = (await api(ana, 'POST', '/conversations', { memberIds: [ben.user.id] })).body.conversation.id;
    for (const body of [{}, { muted: 'yes' }, { pinned: true, colour: 'red' }, null]) {
      expect((await api(ana, 'PUT', `/conversations/${id}/preferences`, body)).status, JSON.stringify(body)).toBe(400);
    }
    const outsider = await api(eve, 'PUT', `/conversations/${id}/preferences`, { muted: true });
    expect(outsider.status).toBe(404);
    expect((await api(ana, 'GET', `/conversations/${id}`)).body.conversation.muted).toBe(false);
  });
});
