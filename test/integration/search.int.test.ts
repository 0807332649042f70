// biome-ignore-all lint/suspicious/noExplicitAny: responses are read field by field
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, devstackUrl } from '../support/http.ts';
import { type RegisteredUser, registerUser } from '../support/users.ts';

// Message search (ADR 0019) through the devstack origin: the indexer consumes messaging's own
// events from the EventBridge broker and search reads the index in DynamoDB Local.
const messaging = api('messaging');
let a: RegisteredUser;
let b: RegisteredUser;
let c: RegisteredUser;
let chat: string;

const as = (user: RegisteredUser) => ({ token: user.tokens.accessToken });
/** a word nobody else's messages contain, so each test reads its own index partition */
const unique = () => `kw${randomUUID().replaceAll('-', '').slice(0, 10)}`;
// polls stay under the per-user search limit (20 per 10 s)
const poll = { timeout: 15_000, interval: 750 };

async function search(user: RegisteredUser, query: Record<string, string>) {
  const res = await messaging('GET', `/search?${new URLSearchParams(query)}`, as(user));
  expect(res.status).toBe(200);
  return res.body as { items: any[]; nextCursor: string | null };
}
const texts = async (user: RegisteredUser, q: string) => (await search(user, { q })).items.map((i) => i.text);

async function send(user: RegisteredUser, text: string) {
  const res = await messaging('POST', `/conversations/${chat}/messages`, {
    ...as(user),
    body: { clientMessageId: randomUUID(), text },
  });
  expect(res.status).toBe(201);
  return res.body.message;
}

beforeAll(async () => {
  const base = devstackUrl();
  [a, b, c] = await Promise.all([registerUser(base), registerUser(base), registerUser(base)]);
  const created = await messaging('POST', '/conversations', { ...as(a), body: { memberIds: [b.user.id] } });
  expect(created.status).toBe(201);
  chat = created.body.conversation.id;
});

describe('GET /messaging/search', () => {
  it('given A and B chat, then both find the message by an accent-free prefix within seconds; C, not a member, finds nothing', async () => {
    const word = unique();
    const sent = await send(a, `Grüße aus Zürich ${word}`);

    // the index catches up: B (accents and case ignored, words AND-ed)
    await expect
      .poll(async () => (await search(b, { q: `ZUR grusse ${word}` })).items, poll)
      .toEqual([
        {
          conversationId: chat,
          messageId: sent.id,
          seq: sent.seq,
          senderId: a.user.id,
          sentAt: sent.sentAt,
          text: `Grüße aus Zürich ${word}`,
          highlights: [
            { start: 0, end: 5 },
            { start: 10, end: 16 },
            { start: 17, end: 17 + word.length },
          ],
        },
      ]);
    expect(await texts(a, `zür ${word}`)).toEqual([`Grüße aus Zürich ${word}`]);
    // indexed by now (B found it): C, who is no member, gets nothing, and 404 for the conversation
    expect((await search(c, { q: word })).items).toEqual([]);
    const named = await messaging('GET', `/search?q=${word}&conversationId=${chat}`, as(c));
    expect(named.status).toBe(404);
    expect(named.body.error.code).toBe('conversation_not_found');
    // another word of the same message is not enough for a query that names one it lacks
    expect(await texts(b, `${word} bern`)).toEqual([]);
  });

  it('given an edited message, then it matches its new text only', async () => {
    const word = unique();
    const sent = await send(b, `lunch at noon ${word}`);
    await expect.poll(() => texts(a, `noon ${word}`), poll).toEqual([`lunch at noon ${word}`]);

    const edited = await messaging('PATCH', `/conversations/${chat}/messages/${sent.id}`, {
      ...as(b),
      body: { text: `lunch at one ${word}` },
    });
    expect(edited.status).toBe(200);

    await expect.poll(() => texts(a, `one ${word}`), poll).toEqual([`lunch at one ${word}`]);
    expect(await texts(a, `noon ${word}`)).toEqual([]);
  });

  it('given a deleted message, then it no longer matches', async () => {
    const word = unique();
    const sent = await send(a, `temporary ${word}`);
    const kept = await send(a, `permanent ${word}`);
    await expect.poll(async () => (await texts(b, word)).length, poll).toBe(2);

    expect((await messaging('DELETE', `/conversations/${chat}/messages/${sent.id}`, as(a))).status).toBe(200);

    await expect.poll(() => texts(b, word), poll).toEqual([kept.text]);
  });

  it('given many hits, then pages of `limit` follow the cursor, newest first', async () => {
    const word = unique();
    for (let i = 1; i <= 4; i++) await send(a, `item ${i} ${word}`);
    await expect.poll(async () => (await texts(b, word)).length, poll).toBe(4);
    const first = await search(b, { q: word, limit: '3' });
    expect(first.items.map((i) => i.text)).toEqual([`item 4 ${word}`, `item 3 ${word}`, `item 2 ${word}`]);
    const second = await search(b, { q: word, limit: '3', cursor: first.nextCursor as string });
    expect(second.items.map((i) => i.text)).toEqual([`item 1 ${word}`]);
  });

  it('given bad input, then 400 and nothing searched', async () => {
    for (const q of ['q=z', `q=${'x'.repeat(101)}`, 'q=zurich&limit=51', 'q=zurich&cursor=!!', 'q=zurich&x=1']) {
      const res = await messaging('GET', `/search?${q}`, as(c));
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect((await messaging('GET', '/search?q=zurich')).status).toBe(401);
  });
});
