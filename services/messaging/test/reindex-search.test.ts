import { lambdaContext } from '@parley/testing/lambda-context';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryMessageScan } from '../src/domain/search-memory.ts';
import { searchWorld } from '../src/domain/search-test-world.ts';
import { sendMessage } from '../src/domain/send-message.ts';

type Handler = (event: unknown, context: Context) => Promise<unknown>;
// a 300 s function at its start
const fresh = () => lambdaContext({ getRemainingTimeInMillis: () => 290_000 });

describe('reindexSearch handler (wiring swapped for in-memory ports)', () => {
  let handler: Handler;
  let w: ReturnType<typeof searchWorld>;
  let scan: ReturnType<typeof memoryMessageScan>;
  beforeAll(async () => {
    vi.stubEnv('TABLE_NAME', 'unit-test-table');
    vi.doMock('../src/wiring/index.ts', () => ({
      searchBackfill: () => ({ messages: w.deps.messages, search: w.deps.search, scan: scan.scan }),
    }));
    ({ handler } = (await import('../src/handlers/ops/reindex-search.ts')) as unknown as { handler: Handler });
  });
  beforeEach(async () => {
    w = searchWorld();
    const id = await w.chat('ana', ['bo']);
    for (let i = 0; i < 5; i++)
      await sendMessage(w.deps, { senderId: 'ana', conversationId: id, clientMessageId: `k${i}`, text: `note ${i}` });
    scan = memoryMessageScan(w.world.stored.messagesByKey);
  });

  it('given `{}` and time to spare, then one run indexes every message and says done', async () => {
    const out = await handler({} as ScheduledEvent, fresh());

    expect(out).toMatchObject({ cursor: null, done: true, pages: 1, messages: 5, changed: 5, removed: 0 });
    expect(w.search.prefixesOf((await scan.scan.page({ limit: 1 })).keys[0]?.conversationId ?? '', 1)).not.toEqual([]);
  });

  it('given less than 30 s left after a page, then it stops and returns the cursor to go on from', async () => {
    const context = lambdaContext({ getRemainingTimeInMillis: () => 29_000 });

    const first = (await handler({ pageSize: 2 }, context)) as { cursor: string; done: boolean; messages: number };

    expect(first).toMatchObject({ done: false, cursor: '2', pages: 1, messages: 2 });
    const rest = await handler({ pageSize: 2, cursor: first.cursor }, fresh());
    expect(rest).toMatchObject({ done: true, cursor: null, messages: 3 });
  });

  it('given a field it does not know or a bad value, then it throws naming them and reads nothing', async () => {
    await expect(handler({ pageSize: 0, curser: 'x' }, fresh())).rejects.toThrow(
      /invalid reindexSearch input: .*pageSize.*curser|invalid reindexSearch input: .*curser.*pageSize/,
    );
    expect(scan.reads.pages).toBe(0);
  });
});
