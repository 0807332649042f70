// biome-ignore-all lint/suspicious/noExplicitAny: responses are read field by field
import { createHash, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, devstackUrl } from '../support/http.ts';
import { type RegisteredUser, registerUser } from '../support/users.ts';

// Messaging through the devstack origin: real authorizer, DynamoDB Local, s3rver, EventBridge broker.
const messaging = api('messaging');
let ana: RegisteredUser;
let bo: RegisteredUser;
let eve: RegisteredUser;

const as = (user: RegisteredUser) => ({ token: user.tokens.accessToken });

/** SHA-256 of bytes in base64: what an attachment slot announces (ADR 0016). */
const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('base64');

async function directChat(a: RegisteredUser, b: RegisteredUser): Promise<string> {
  const res = await messaging('POST', '/conversations', { ...as(a), body: { memberIds: [b.user.id] } });
  expect([200, 201]).toContain(res.status);
  return res.body.conversation.id;
}

async function send(user: RegisteredUser, conversationId: string, text: string, clientMessageId = randomUUID()) {
  return messaging('POST', `/conversations/${conversationId}/messages`, {
    ...as(user),
    body: { clientMessageId, text },
  });
}

async function history(user: RegisteredUser, conversationId: string, query = '') {
  const res = await messaging('GET', `/conversations/${conversationId}/messages${query}`, as(user));
  expect(res.status).toBe(200);
  return res.body;
}

beforeAll(async () => {
  const base = devstackUrl();
  [ana, bo, eve] = await Promise.all([registerUser(base), registerUser(base), registerUser(base)]);
});

describe('conversations', () => {
  it('given two people, when both start a direct chat (also at once), then there is one conversation', async () => {
    const first = await messaging('POST', '/conversations', { ...as(ana), body: { memberIds: [bo.user.id] } });
    const again = await messaging('POST', '/conversations', { ...as(bo), body: { memberIds: [ana.user.id] } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.conversation.id).toBe(first.body.conversation.id);

    const carl = await registerUser(devstackUrl());
    const racing = await Promise.all([
      messaging('POST', '/conversations', { ...as(carl), body: { memberIds: [bo.user.id] } }),
      messaging('POST', '/conversations', { ...as(bo), body: { memberIds: [carl.user.id] } }),
    ]);
    expect(racing.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(new Set(racing.map((r) => r.body.conversation.id)).size).toBe(1);
  });

  it('given a group, when members come and go, then only current members can read it', async () => {
    const cy = await registerUser(devstackUrl());
    const created = await messaging('POST', '/conversations', {
      ...as(ana),
      body: { memberIds: [bo.user.id], title: 'Panama office' },
    });
    expect(created.status).toBe(201);
    const id = created.body.conversation.id;
    expect(created.body.conversation).toMatchObject({ kind: 'group', title: 'Panama office' });

    // Any member adds; only an admin removes others; anyone leaves
    expect(
      (await messaging('POST', `/conversations/${id}/members`, { ...as(bo), body: { userIds: [cy.user.id] } })).status,
    ).toBe(200);
    expect((await messaging('GET', `/conversations/${id}`, as(cy))).status).toBe(200);
    expect((await messaging('DELETE', `/conversations/${id}/members/${cy.user.id}`, as(bo))).status).toBe(403);
    expect((await messaging('DELETE', `/conversations/${id}/members/${cy.user.id}`, as(ana))).status).toBe(204);
    expect((await messaging('GET', `/conversations/${id}`, as(cy))).status).toBe(404);
    expect((await messaging('DELETE', `/conversations/${id}/members/${bo.user.id}`, as(bo))).status).toBe(204);
    expect((await messaging('GET', `/conversations/${id}/messages`, as(bo))).status).toBe(404);
  });

  it('given unread messages, then the list shows the busiest chat first, its last message and unread count', async () => {
    const dee = await registerUser(devstackUrl());
    const quiet = await directChat(dee, ana);
    const busy = await directChat(dee, bo);
    await send(ana, quiet, 'hello Dee');
    await send(bo, busy, 'one');
    const last = await send(bo, busy, 'two');

    const list = await messaging('GET', '/conversations', as(dee));
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: any) => c.id)).toEqual([busy, quiet]);
    expect(list.body.items[0]).toMatchObject({
      unreadCount: 2,
      lastSeq: 2,
      lastMessage: { preview: 'two', senderId: bo.user.id },
    });

    // When Dee reads up to the last message, it is read, and Bo sees the receipt
    expect(
      (await messaging('POST', `/conversations/${busy}/read`, { ...as(dee), body: { seq: last.body.message.seq } }))
        .status,
    ).toBe(200);
    const after = await messaging('GET', '/conversations', as(dee));
    expect(after.body.items.find((c: any) => c.id === busy).unreadCount).toBe(0);
    const seenByBo = await messaging('GET', `/conversations/${busy}`, as(bo));
    expect(seenByBo.body.conversation.members.find((m: any) => m.userId === dee.user.id).lastReadSeq).toBe(2);
  });
});

describe('messages', () => {
  it('given two users taking turns, then history holds every message once, in seq order', async () => {
    const id = await directChat(ana, bo);
    const before = (await history(ana, id)).lastSeq as number;
    const texts = ['¿Vamos?', 'Yes', 'At 6', 'See you 👋'];
    for (const [i, text] of texts.entries()) expect((await send(i % 2 ? bo : ana, id, text)).status).toBe(201);

    const page = await history(bo, id, `?afterSeq=${before}`);
    expect(page.items.map((m: any) => m.text)).toEqual(texts);
    expect(page.items.map((m: any) => m.seq)).toEqual(texts.map((_, i) => before + i + 1));
    expect(page.items.map((m: any) => m.senderId)).toEqual([ana, bo, ana, bo].map((u) => u.user.id));
  });

  it('given a client that missed 20 messages, when it pages with afterSeq, then it gets each exactly once', async () => {
    const id = await directChat(ana, eve);
    const lastSeen = (await history(eve, id)).lastSeq as number;
    const sent: number[] = [];
    for (let i = 1; i <= 20; i++) sent.push((await send(ana, id, `missed #${i}`)).body.message.seq);

    const recovered: number[] = [];
    let cursor = lastSeen;
    for (let hasMore = true; hasMore; ) {
      const page = await history(eve, id, `?afterSeq=${cursor}&limit=7`);
      recovered.push(...page.items.map((m: any) => m.seq));
      cursor = page.nextCursor;
      hasMore = page.hasMore;
    }
    expect(recovered).toEqual(sent);
    expect(new Set(recovered).size).toBe(20);
    // Paging back from the newest gives the same messages in reverse page order
    const newest = await history(eve, id, '?limit=5');
    expect(newest.items.map((m: any) => m.seq)).toEqual(sent.slice(-5));
    expect(newest.hasMore).toBe(true);
  });

  it('given the same clientMessageId three times, one after another and all at once, then one message each', async () => {
    const id = await directChat(ana, bo);
    const clientMessageId = randomUUID();
    const serial = [
      await send(ana, id, 'only once', clientMessageId),
      await send(ana, id, 'only once', clientMessageId),
      await send(ana, id, 'only once', clientMessageId),
    ];
    expect(serial.map((r) => r.status)).toEqual([201, 200, 200]);
    expect(new Set(serial.map((r) => r.body.message.id)).size).toBe(1);

    const concurrentId = randomUUID();
    const concurrent = await Promise.all([1, 2, 3].map(() => send(ana, id, 'at once', concurrentId)));
    expect(concurrent.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(concurrent.map((r) => r.body.message.id)).size).toBe(1);

    const all = await history(bo, id, '?limit=100');
    expect(all.items.filter((m: any) => m.clientMessageId === clientMessageId)).toHaveLength(1);
    expect(all.items.filter((m: any) => m.clientMessageId === concurrentId)).toHaveLength(1);
  });

  it('given a message, then its author edits and deletes it, others react and reply, and a tombstone stays', async () => {
    const id = await directChat(ana, bo);
    const { message } = (await send(ana, id, 'Lunch at 1?')).body;
    const path = `/conversations/${id}/messages/${message.id}`;

    expect((await messaging('PATCH', path, { ...as(bo), body: { text: 'hijacked' } })).status).toBe(403);
    const edited = await messaging('PATCH', path, { ...as(ana), body: { text: 'Lunch at 2?' } });
    expect(edited.body.message).toMatchObject({ text: 'Lunch at 2?', editedAt: expect.any(String) });

    const thumbs = encodeURIComponent('👍');
    const reacted = await messaging('PUT', `${path}/reactions/${thumbs}`, as(bo));
    expect(reacted.body.message.reactions).toEqual([{ emoji: '👍', count: 1, userIds: [bo.user.id] }]);
    expect((await messaging('PUT', `${path}/reactions/${encodeURIComponent('not an emoji')}`, as(bo))).status).toBe(
      400,
    );

    const reply = await messaging('POST', `/conversations/${id}/messages`, {
      ...as(bo),
      body: { clientMessageId: randomUUID(), text: 'Sure', replyToId: message.id },
    });
    expect(reply.body.message.replyTo).toMatchObject({ messageId: message.id, preview: 'Lunch at 2?' });

    const deleted = await messaging('DELETE', path, as(ana));
    expect(deleted.body.message).toMatchObject({ id: message.id, seq: message.seq, text: null, deleted: true });
    const page = await history(bo, id, `?afterSeq=${message.seq - 1}&limit=1`);
    expect(page.items[0]).toMatchObject({ id: message.id, deleted: true, text: null, reactions: [] });
  });
});

describe('attachments', () => {
  it('given a member uploads a file, then members download it and outsiders cannot', async () => {
    const id = await directChat(ana, bo);
    const bytes = Buffer.from('%PDF-1.7 a tiny test document');
    const created = await messaging('POST', '/attachments', {
      ...as(ana),
      body: {
        conversationId: id,
        fileName: 'plan.pdf',
        contentType: 'application/pdf',
        size: bytes.length,
        checksumSha256: sha256(bytes),
      },
    });
    expect(created.status).toBe(201);
    const { attachmentId, uploadUrl, uploadHeaders } = created.body;

    // Not uploaded yet: it cannot be sent
    const early = await messaging('POST', `/conversations/${id}/messages`, {
      ...as(ana),
      body: { clientMessageId: randomUUID(), attachmentIds: [attachmentId] },
    });
    expect(early.status).toBe(422);

    const put = await fetch(uploadUrl, { method: 'PUT', headers: uploadHeaders, body: bytes });
    expect(put.status).toBe(200);
    const sent = await messaging('POST', `/conversations/${id}/messages`, {
      ...as(ana),
      body: { clientMessageId: randomUUID(), text: 'the plan', attachmentIds: [attachmentId] },
    });
    expect(sent.status).toBe(201);
    expect(sent.body.message.attachments).toEqual([
      { id: attachmentId, fileName: 'plan.pdf', contentType: 'application/pdf', size: bytes.length, kind: 'file' },
    ]);

    const download = await messaging('GET', `/attachments/${attachmentId}`, as(bo));
    expect(download.status).toBe(200);
    const got = await fetch(download.body.downloadUrl);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer())).toEqual(bytes);

    expect((await messaging('GET', `/attachments/${attachmentId}`, as(eve))).status).toBe(404);

    // Deleting the message takes the file away from everyone
    expect((await messaging('DELETE', `/conversations/${id}/messages/${sent.body.message.id}`, as(ana))).status).toBe(
      200,
    );
    expect((await messaging('GET', `/attachments/${attachmentId}`, as(bo))).status).toBe(404);
    const outsiderUpload = await messaging('POST', '/attachments', {
      ...as(eve),
      body: { conversationId: id, fileName: 'x.png', contentType: 'image/png', size: 10, checksumSha256: sha256('x') },
    });
    expect(outsiderUpload.status).toBe(404);
  });

  it('refuses unlisted content types and oversize files', async () => {
    const id = await directChat(ana, bo);
    const attempt = (contentType: string, size: number) =>
      messaging('POST', '/attachments', {
        ...as(ana),
        body: { conversationId: id, fileName: 'f', contentType, size, checksumSha256: sha256('f') },
      });
    expect((await attempt('text/html', 10)).status).toBe(415);
    expect((await attempt('video/mp4', 25 * 1024 * 1024 + 1)).status).toBe(413);
  });
});

describe('access and input', () => {
  it('given a conversation, then a non-member gets 404 on every conversation, message and attachment route', async () => {
    const id = await directChat(ana, bo);
    const { message } = (await send(ana, id, 'private')).body;
    const upload = await messaging('POST', '/attachments', {
      ...as(ana),
      body: {
        conversationId: id,
        fileName: 'secret.txt',
        contentType: 'text/plain',
        size: 3,
        checksumSha256: sha256('abc'),
      },
    });
    const m = `/conversations/${id}/messages/${message.id}`;
    const routes: [string, string, unknown?][] = [
      ['GET', `/conversations/${id}`],
      ['POST', `/conversations/${id}/members`, { userIds: [eve.user.id] }],
      ['DELETE', `/conversations/${id}/members/${ana.user.id}`],
      ['DELETE', `/conversations/${id}/members/${eve.user.id}`],
      ['GET', `/conversations/${id}/messages`],
      ['GET', `/conversations/${id}/messages?afterSeq=0`],
      ['POST', `/conversations/${id}/messages`, { clientMessageId: randomUUID(), text: 'let me in' }],
      ['PATCH', m, { text: 'mine now' }],
      ['DELETE', m],
      ['PUT', `${m}/reactions/${encodeURIComponent('😈')}`],
      ['DELETE', `${m}/reactions/${encodeURIComponent('😈')}`],
      ['POST', `/conversations/${id}/read`, { seq: 1 }],
      [
        'POST',
        '/attachments',
        { conversationId: id, fileName: 'x.txt', contentType: 'text/plain', size: 1, checksumSha256: sha256('x') },
      ],
      ['GET', `/attachments/${upload.body.attachmentId}`],
    ];
    for (const [method, path, body] of routes) {
      const res = await messaging(method, path, { ...as(eve), ...(body ? { body } : {}) });
      expect([403, 404], `${method} ${path}`).toContain(res.status);
    }
    // And nothing changed
    const seen = await history(ana, id);
    expect(seen.items.at(-1)).toMatchObject({ id: message.id, text: 'private', reactions: [] });
    expect((await messaging('GET', `/conversations/${id}`, as(ana))).body.conversation.members).toHaveLength(2);
  });

  it('given bad input, then 400 with details and nothing stored', async () => {
    const id = await directChat(ana, bo);
    const before = await history(ana, id);
    const post = (body: unknown) => messaging('POST', `/conversations/${id}/messages`, { ...as(ana), body });
    const bad = [
      await post({ clientMessageId: randomUUID(), text: 42 }),
      await post({ clientMessageId: randomUUID(), text: 'x'.repeat(4001) }),
      await post({ clientMessageId: randomUUID(), text: 'hi', admin: true }),
      await post({ clientMessageId: 'not an id!', text: 'hi' }),
      await post({ text: 'no client id' }),
      await post({ clientMessageId: randomUUID(), text: '   ' }),
      await post('{"clientMessageId": "broken"'),
      await messaging('POST', '/conversations', { ...as(ana), body: { memberIds: 'bo' } }),
      await messaging('POST', '/conversations', { ...as(ana), body: { memberIds: [bo.user.id], owner: ana.user.id } }),
      await messaging('GET', `/conversations/${id}/messages?limit=1000`, as(ana)),
      await messaging('GET', `/conversations/${id}/messages?afterSeq=-1`, as(ana)),
      await messaging('GET', `/conversations/${id}/messages?since=1`, as(ana)),
      await messaging('GET', '/conversations/bad.id', as(ana)),
      await messaging('POST', `/conversations/${id}/read`, { ...as(ana), body: { seq: '3' } }),
      await messaging('POST', '/attachments', {
        ...as(ana),
        body: { conversationId: id, fileName: 'a', contentType: 'text/plain', size: -1 },
      }),
    ];
    for (const res of bad) {
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.code).toMatch(/^[a-z_]+$/);
    }
    const after = await history(ana, id);
    expect(after.lastSeq).toBe(before.lastSeq);
    expect(after.items).toEqual(before.items);
  });
});
