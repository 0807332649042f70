// biome-ignore-all lint/suspicious/noExplicitAny: responses are read field by field
import { randomUUID } from 'node:crypto';
import { devstackClients } from '@parley/testing/devstack-clients';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { messagingService } from '../../services/messaging/src/adapters/table.ts';
import { api } from '../support/http.ts';
import { type RegisteredUser, registerUser } from '../support/users.ts';

// The search backfill (ADR 0019) on devstack: `reindexSearch` invoked as an operator would, through
// serverless-offline's Lambda invoke API, against DynamoDB Local. Messages whose index entries and
// manifests are absent (taken out of the table here, as for messages sent before the index existed)
// become findable; a second full pass writes nothing.
const info = inject('devstack');
const clients = devstackClients(info);
const db = messagingService(`parley-messaging-${info.stage}`, clients.dynamodb);
const messaging = api('messaging', info.url);
const as = (user: RegisteredUser) => ({ token: user.tokens.accessToken });
let a: RegisteredUser;
let b: RegisteredUser;
let c: RegisteredUser;
let chat: string;

afterAll(() => clients.destroy());

async function invoke(event: unknown): Promise<{ status: number; error: string | null; payload: any }> {
  const port = info.services.messaging?.lambda;
  const res = await fetch(
    `http://127.0.0.1:${port}/2015-03-31/functions/parley-messaging-${info.stage}-reindexSearch/invocations`,
    { method: 'POST', body: JSON.stringify(event) },
  );
  return { status: res.status, error: res.headers.get('x-amz-function-error'), payload: await res.json() };
}

/** Runs the backfill to the end as the runbook says: invoke, then again with the cursor, until done. */
async function backfill(options: Record<string, unknown> = {}) {
  const total = { runs: 0, messages: 0, changed: 0, put: 0, removed: 0 };
  let cursor: string | null = null;
  do {
    const out = await invoke({ ...options, ...(cursor ? { cursor } : {}) });
    expect({ status: out.status, error: out.error }).toEqual({ status: 200, error: null });
    total.runs++;
    for (const k of ['messages', 'changed', 'put', 'removed'] as const) total[k] += out.payload[k];
    cursor = out.payload.done ? null : out.payload.cursor;
  } while (cursor);
  return total;
}

const search = async (user: RegisteredUser, q: string) => {
  const res = await messaging('GET', `/search?${new URLSearchParams({ q })}`, as(user));
  expect(res.status).toBe(200);
  return (res.body.items as any[]).map((i) => i.text).sort();
};

/** Takes a message out of the index: its entries and its manifest, as if the indexer had never run. */
async function unindex(conversationId: string, seq: number, sentAt: string, keepManifest = false) {
  const { data: manifest } = await db.entities.searchManifest.get({ conversationId, seq }).go({ consistent: true });
  expect(manifest?.prefixes.length).toBeGreaterThan(0);
  await db.entities.searchEntry
    .delete((manifest?.prefixes ?? []).map((prefix) => ({ prefix, sentAt, conversationId, seq })))
    .go();
  if (!keepManifest) await db.entities.searchManifest.delete({ conversationId, seq }).go();
}

const manifests = async (sent: { seq: number }[]) =>
  Promise.all(
    sent.map(
      async (m) =>
        (await db.entities.searchManifest.get({ conversationId: chat, seq: m.seq }).go({ consistent: true })).data,
    ),
  );

beforeAll(async () => {
  [a, b, c] = await Promise.all([registerUser(info.url), registerUser(info.url), registerUser(info.url)]);
  const created = await messaging('POST', '/conversations', { ...as(a), body: { memberIds: [b.user.id] } });
  expect(created.status).toBe(201);
  chat = created.body.conversation.id;
});

describe('reindexSearch (the search backfill)', () => {
  it('given messages absent from the index, when the backfill runs to the end, then members find them, others do not; a second pass writes nothing', async () => {
    const word = `kw${randomUUID().replaceAll('-', '').slice(0, 10)}`;
    const sent: any[] = [];
    for (const text of [`old minutes ${word}`, `older agenda ${word}`, `oldest plan ${word}`]) {
      const res = await messaging('POST', `/conversations/${chat}/messages`, {
        ...as(a),
        body: { clientMessageId: randomUUID(), text },
      });
      expect(res.status).toBe(201);
      sent.push(res.body.message);
    }
    // the live indexer has run for all three, then they are taken out of the index
    await expect.poll(() => search(b, word), { timeout: 15_000, interval: 750 }).toHaveLength(3);
    for (const m of sent) await unindex(chat, m.seq, m.sentAt);
    expect(await search(b, word)).toEqual([]);
    expect(await manifests(sent)).toEqual([null, null, null]);

    const first = await backfill({ pageSize: 50 });

    expect(first.changed).toBeGreaterThanOrEqual(3);
    const texts = [`old minutes ${word}`, `older agenda ${word}`, `oldest plan ${word}`].sort();
    expect(await search(b, word)).toEqual(texts);
    expect(await search(a, `agenda ${word}`)).toEqual([`older agenda ${word}`]);
    expect(await search(c, word)).toEqual([]);
    const after = await manifests(sent);
    expect(after.map((m) => m?.version)).toEqual([1, 1, 1]);

    const second = await backfill({ pageSize: 50 });

    expect(second.messages).toBe(first.messages);
    expect({ changed: second.changed, put: second.put, removed: second.removed }).toEqual({
      changed: 0,
      put: 0,
      removed: 0,
    });
    expect(await manifests(sent)).toEqual(after);
    expect(await search(b, word)).toEqual(texts);
  });

  it('given entries lost while the manifest stayed, then `rewrite: true` puts them back', async () => {
    const word = `kw${randomUUID().replaceAll('-', '').slice(0, 10)}`;
    const res = await messaging('POST', `/conversations/${chat}/messages`, {
      ...as(b),
      body: { clientMessageId: randomUUID(), text: `repair me ${word}` },
    });
    expect(res.status).toBe(201);
    const m = res.body.message;
    await expect.poll(() => search(a, word), { timeout: 15_000, interval: 750 }).toHaveLength(1);
    await unindex(chat, m.seq, m.sentAt, true);
    expect(await search(a, word)).toEqual([]);

    const repaired = await backfill({ rewrite: true, pageSize: 100 });

    expect(repaired.changed).toBeGreaterThanOrEqual(1);
    expect(await search(a, word)).toEqual([`repair me ${word}`]);
  });

  it('given a field it does not know, then the invoke fails naming it and nothing is read', async () => {
    const out = await invoke({ pageSize: 0, cursr: 'x' });

    expect(out.error).not.toBeNull();
    expect(JSON.stringify(out.payload)).toMatch(/invalid reindexSearch input: .*pageSize/);
    expect(JSON.stringify(out.payload)).toMatch(/cursr/);
  });
});
