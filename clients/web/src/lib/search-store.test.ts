import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-client.ts';
import type { SearchApi, SearchHit, SearchResultPage } from './search-api.ts';
import { SearchStore } from './search-store.ts';

const hit = (seq: number, text = `hit ${seq}`): SearchHit => ({
  conversationId: 'c1',
  messageId: `m${seq}`,
  seq,
  senderId: 'u1',
  sentAt: '2026-11-20T09:00:00.000Z',
  text,
  highlights: [{ start: 0, end: 3 }],
});

/** A search API answering from a script, recording what it was asked. */
function scripted(answer: (query: Parameters<SearchApi['search']>[0]) => Promise<SearchResultPage> | SearchResultPage) {
  const asked: Parameters<SearchApi['search']>[0][] = [];
  const api: SearchApi = {
    async search(query) {
      asked.push(query);
      return answer(query);
    },
  };
  return { api, asked };
}

describe('search store', () => {
  it('waits for a pause in typing and searches once, for the last text', async () => {
    vi.useFakeTimers();
    try {
      const { api, asked } = scripted(() => ({ items: [hit(1)], nextCursor: null }));
      const store = new SearchStore({ api, debounceMs: 300 });
      store.setQuery('z');
      store.setQuery('zu');
      store.setQuery('zur');
      // no results of another text are shown while typing
      expect(store.state.get()).toMatchObject({ status: 'loading', items: [] });
      await vi.advanceTimersByTimeAsync(299);
      expect(asked).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(asked).toEqual([{ q: 'zur' }]);
      expect(store.state.get()).toMatchObject({ status: 'ready', items: [hit(1)], nextCursor: null });
    } finally {
      vi.useRealTimers();
    }
  });

  it('under 2 characters, searches nothing and is idle', async () => {
    const { api, asked } = scripted(() => ({ items: [], nextCursor: null }));
    const store = new SearchStore({ api });
    store.setQuery(' z ');
    await store.searchNow();
    expect(asked).toEqual([]);
    expect(store.state.get().status).toBe('idle');
  });

  it('drops the answer of an older query that arrives after a newer one', async () => {
    let releaseOld: (page: SearchResultPage) => void = () => undefined;
    const { api } = scripted((q) =>
      q.q === 'old' ? new Promise((resolve) => (releaseOld = resolve)) : { items: [hit(2, 'new')], nextCursor: null },
    );
    const store = new SearchStore({ api });
    store.setQuery('old');
    const first = store.searchNow();
    store.setQuery('new');
    await store.searchNow();
    releaseOld({ items: [hit(1, 'old')], nextCursor: null });
    await first;
    expect(store.state.get().items.map((h) => h.text)).toEqual(['new']);
  });

  it('pages with the cursor, appending; an empty page cut short by the budget is followed', async () => {
    const pages: Record<string, SearchResultPage> = {
      start: { items: [hit(3), hit(2)], nextCursor: 'a' },
      a: { items: [], nextCursor: 'b' },
      b: { items: [hit(1)], nextCursor: null },
    };
    const { api, asked } = scripted((q) => pages[q.cursor ?? 'start'] as SearchResultPage);
    const store = new SearchStore({ api });
    store.setQuery('hit');
    await store.searchNow();
    expect(store.state.get().nextCursor).toBe('a');
    await store.loadMore();
    expect(asked.map((q) => q.cursor)).toEqual([undefined, 'a', 'b']);
    expect(store.state.get()).toMatchObject({ status: 'ready', nextCursor: null, loadingMore: false });
    expect(store.state.get().items.map((h) => h.seq)).toEqual([3, 2, 1]);
  });

  it('names the error (rate_limited), and searches again on retry', async () => {
    let fail = true;
    const { api } = scripted(() => {
      if (fail) throw new ApiError(429, 'rate_limited', 'You are searching too often.');
      return { items: [], nextCursor: null };
    });
    const store = new SearchStore({ api });
    store.setQuery('zurich');
    await store.searchNow();
    expect(store.state.get()).toMatchObject({ status: 'error', error: { code: 'rate_limited' } });
    fail = false;
    await store.searchNow();
    expect(store.state.get()).toMatchObject({ status: 'ready', items: [] });
    expect(store.state.get().error).toBeUndefined();
  });

  it('searches one conversation when scoped, and all again when not', async () => {
    const { api, asked } = scripted(() => ({ items: [], nextCursor: null }));
    const store = new SearchStore({ api, debounceMs: 0 });
    store.setQuery('zurich');
    store.setScope('c9');
    await vi.waitFor(() => expect(asked).toEqual([{ q: 'zurich', conversationId: 'c9' }]));
    store.setScope(undefined);
    await vi.waitFor(() => expect(asked.at(-1)).toEqual({ q: 'zurich' }));
  });
});
