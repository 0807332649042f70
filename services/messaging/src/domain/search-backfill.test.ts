import { describe, expect, it } from 'vitest';
import { searchMessages } from './search.ts';
import { reindexSearch } from './search-backfill.ts';
import { memoryMessageScan } from './search-memory.ts';
import { searchWorld } from './search-test-world.ts';
import { sendMessage } from './send-message.ts';

/** A world with 7 messages in two chats that the indexer never saw (sent before the index existed). */
async function unindexedWorld() {
  const w = searchWorld();
  const one = await w.chat('ana', ['bo']);
  const two = await w.chat('bo', ['cy']);
  const sent: { conversationId: string; seq: number }[] = [];
  for (const [i, [id, sender]] of [
    [one, 'ana'],
    [one, 'bo'],
    [two, 'bo'],
    [one, 'ana'],
    [two, 'cy'],
    [two, 'bo'],
    [one, 'bo'],
  ].entries()) {
    w.world.advance(1000);
    const { message } = await sendMessage(w.deps, {
      senderId: sender as string,
      conversationId: id as string,
      clientMessageId: `old${i}`,
      text: `archived note number${i}`,
    });
    sent.push({ conversationId: message.conversationId, seq: message.seq });
  }
  const { scan, reads } = memoryMessageScan(w.world.stored.messagesByKey);
  const deps = { ...w.deps, scan };
  return { w, one, two, sent, deps, reads };
}

const hits = async (w: ReturnType<typeof searchWorld>, callerId: string, q: string) =>
  (await searchMessages(w.deps, { callerId, q, limit: 20 })).items.map((i) => i.text).sort();
const always = () => true;

describe('reindexSearch', () => {
  it('given messages the indexer never saw, then after one pass every one is findable by its members; a second pass writes nothing', async () => {
    const { w, deps, reads } = await unindexedWorld();
    expect(await hits(w, 'bo', 'archived')).toEqual([]);

    const first = await reindexSearch(deps, { pageSize: 3 }, always);

    expect(first).toMatchObject({ done: true, cursor: null, pages: 3, messages: 7, changed: 7, removed: 0 });
    expect(reads.pages).toBe(3);
    expect(await hits(w, 'ana', 'archived')).toEqual([0, 1, 3, 6].map((i) => `archived note number${i}`));
    expect(await hits(w, 'bo', 'archived')).toHaveLength(7);
    expect(await hits(w, 'cy', 'number4')).toEqual(['archived note number4']);
    const written = { ...w.search.writes };

    const second = await reindexSearch(deps, { pageSize: 3 }, always);

    expect(second).toMatchObject({ done: true, messages: 7, changed: 0, put: 0, removed: 0 });
    expect(w.search.writes).toEqual(written);
  });

  it('given it must stop after a page, then it returns the next page’s cursor, and a run from that cursor does the rest, each message once', async () => {
    const { w, deps, sent } = await unindexedWorld();
    let pagesLeft = 1;

    const first = await reindexSearch(deps, { pageSize: 3 }, () => --pagesLeft > 0);

    expect(first).toMatchObject({ done: false, cursor: '3', pages: 1, messages: 3 });
    const indexedFirst = sent.filter((k) => w.search.prefixesOf(k.conversationId, k.seq).length > 0);
    expect(indexedFirst).toHaveLength(3);

    const rest = await reindexSearch(deps, { cursor: first.cursor as string, pageSize: 3 }, always);

    expect(rest).toMatchObject({ done: true, cursor: null, pages: 2, messages: 4, changed: 4 });
    for (const k of sent) expect(w.search.prefixesOf(k.conversationId, k.seq)).not.toEqual([]);
  });

  it('given a run that fails mid-page, then running again from the cursor it last returned completes the index', async () => {
    const { w, deps, sent } = await unindexedWorld();
    const first = await reindexSearch(deps, { pageSize: 3 }, () => false);
    // the second page's third message: DynamoDB keeps refusing
    const write = w.search.index.write;
    let calls = 0;
    const failing = {
      ...deps,
      search: {
        ...w.search.index,
        write: async (...a: Parameters<typeof write>) =>
          ++calls === 3 ? Promise.reject(new Error('throttled')) : write(...a),
      },
    };
    await expect(
      reindexSearch(failing, { cursor: first.cursor as string, pageSize: 3, concurrency: 1 }, always),
    ).rejects.toThrow('throttled');

    const resumed = await reindexSearch(deps, { cursor: first.cursor as string, pageSize: 3 }, always);

    // the two of that page already indexed cost nothing; the rest are written
    expect(resumed).toMatchObject({ done: true, messages: 4, changed: 2 });
    for (const k of sent) expect(w.search.prefixesOf(k.conversationId, k.seq)).not.toEqual([]);
  });

  it('given entries lost while the manifest stayed, then a plain pass trusts the manifest and `rewrite` puts them back', async () => {
    const { w, deps, sent } = await unindexedWorld();
    await reindexSearch(deps, {}, always);
    const lost = sent[2] as { conversationId: string; seq: number };
    const prefixes = w.search.prefixesOf(lost.conversationId, lost.seq);
    const message = await w.deps.messages.get(lost.conversationId, lost.seq);
    await w.search.index.write(
      { conversationId: lost.conversationId, seq: lost.seq, sentAt: message?.sentAt as string },
      { put: [], remove: prefixes },
    );

    expect(await reindexSearch(deps, {}, always)).toMatchObject({ changed: 0 });
    expect(w.search.prefixesOf(lost.conversationId, lost.seq)).toEqual([]);

    const repaired = await reindexSearch(deps, { rewrite: true }, always);

    expect(repaired).toMatchObject({ done: true, messages: 7, changed: 7 });
    expect(w.search.prefixesOf(lost.conversationId, lost.seq)).toEqual(prefixes);
    expect(await hits(w, 'cy', 'number2')).toEqual(['archived note number2']);
  });

  it('given a deleted message never indexed, then it stays out of the index', async () => {
    const { w, deps, one } = await unindexedWorld();
    const { deleteMessage } = await import('./message-changes.ts');
    const first = (await w.deps.messages.get(one, 1)) as { id: string };
    await deleteMessage(w.deps, { callerId: 'ana', conversationId: one, messageId: first.id });

    await reindexSearch(deps, {}, always);

    expect(w.search.prefixesOf(one, 1)).toEqual([]);
    expect(await hits(w, 'ana', 'number0')).toEqual([]);
  });
});
