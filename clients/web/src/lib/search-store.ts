import { ApiError } from './api-client.ts';
import type { SearchApi, SearchHit } from './search-api.ts';
import { createStore } from './store.ts';

/** Below this many characters nothing is searched (the server refuses it too). */
export const MIN_QUERY = 2;
export const MAX_QUERY = 100;
/** Typing pauses this long before a search goes out: each search costs money. */
export const SEARCH_DEBOUNCE_MS = 300;
/** A page the server cut short with no hit (its read budget) is followed this many times at most. */
const EMPTY_FOLLOWS = 3;

export type SearchStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface SearchState {
  /** what is in the box */
  query: string;
  /** only this conversation ("Search in this chat"), or every one of mine */
  conversationId?: string;
  status: SearchStatus;
  items: SearchHit[];
  nextCursor: string | null;
  loadingMore: boolean;
  /** `rate_limited`, or the reason a search failed */
  error?: { code: string; message: string };
}

const initial: SearchState = { query: '', status: 'idle', items: [], nextCursor: null, loadingMore: false };

/**
 * Message search for the sidebar (one per workspace): debounced as you type, the newest hits first,
 * "more" pages by cursor. A newer query abandons the older request, so results never arrive out of order.
 */
export class SearchStore {
  readonly state = createStore<SearchState>(initial);
  private readonly api: SearchApi;
  private readonly debounceMs: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: AbortController | undefined;
  private generation = 0;

  constructor(options: { api: SearchApi; debounceMs?: number }) {
    this.api = options.api;
    this.debounceMs = options.debounceMs ?? SEARCH_DEBOUNCE_MS;
  }

  /**
   * The box changed: searches after a pause, or goes back to idle under `MIN_QUERY` characters.
   * Results of another text are not shown meanwhile: the state is `loading` until this one's arrive.
   */
  setQuery(query: string): void {
    const changed = query.trim() !== this.state.get().query.trim();
    if (!changed) {
      this.state.set((s) => ({ ...s, query }));
      return;
    }
    const searchable = query.trim().length >= MIN_QUERY;
    this.cancel();
    this.state.set((s) => ({
      ...s,
      query,
      status: searchable ? 'loading' : 'idle',
      items: [],
      nextCursor: null,
      loadingMore: false,
      error: undefined,
    }));
    if (searchable) this.schedule();
  }

  /** Searches one conversation only (or all again with undefined). */
  setScope(conversationId: string | undefined): void {
    if (this.state.get().conversationId === conversationId) return;
    const searchable = this.state.get().query.trim().length >= MIN_QUERY;
    this.cancel();
    this.state.set((s) => ({
      ...s,
      ...(conversationId ? { conversationId } : { conversationId: undefined }),
      ...(searchable ? { status: 'loading' as const, items: [], nextCursor: null, loadingMore: false } : {}),
    }));
    if (searchable) this.schedule(0);
  }

  clear(): void {
    this.cancel();
    this.state.set({ ...initial });
  }

  /** Searches now (the Enter key, "Try again"). */
  async searchNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const { query, conversationId } = this.state.get();
    const q = query.trim();
    if (q.length < MIN_QUERY) {
      this.cancel();
      this.state.set((s) => ({
        ...s,
        status: 'idle',
        items: [],
        nextCursor: null,
        loadingMore: false,
        error: undefined,
      }));
      return;
    }
    const run = this.start();
    this.state.set((s) => ({
      ...s,
      status: 'loading',
      items: [],
      nextCursor: null,
      loadingMore: false,
      error: undefined,
    }));
    await this.fetch(run, { q: q.slice(0, MAX_QUERY), ...(conversationId ? { conversationId } : {}) }, false);
  }

  /** The next page of the current results. */
  async loadMore(): Promise<void> {
    const s = this.state.get();
    if (s.status !== 'ready' || !s.nextCursor || s.loadingMore) return;
    const run = this.start();
    this.state.set((prev) => ({ ...prev, loadingMore: true, error: undefined }));
    await this.fetch(
      run,
      {
        q: s.query.trim().slice(0, MAX_QUERY),
        cursor: s.nextCursor,
        ...(s.conversationId ? { conversationId: s.conversationId } : {}),
      },
      true,
    );
  }

  dispose(): void {
    this.cancel();
  }

  private schedule(delay = this.debounceMs): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.searchNow(), delay);
  }

  private start(): { id: number; signal: AbortSignal } {
    this.inFlight?.abort();
    this.inFlight = new AbortController();
    return { id: ++this.generation, signal: this.inFlight.signal };
  }

  private cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.inFlight?.abort();
    this.inFlight = undefined;
    this.generation++;
  }

  private async fetch(
    run: { id: number; signal: AbortSignal },
    query: { q: string; conversationId?: string; cursor?: string },
    more: boolean,
  ): Promise<void> {
    try {
      let page = await this.api.search(query, run.signal);
      // a page the server's read budget cut short with nothing in it: look a little further
      for (let i = 0; i < EMPTY_FOLLOWS && page.items.length === 0 && page.nextCursor; i++) {
        page = await this.api.search({ ...query, cursor: page.nextCursor }, run.signal);
      }
      if (run.id !== this.generation) return;
      this.state.set((s) => ({
        ...s,
        status: 'ready',
        items: more ? [...s.items, ...page.items] : page.items,
        nextCursor: page.nextCursor,
        loadingMore: false,
      }));
    } catch (err) {
      if (run.id !== this.generation) return;
      const error =
        err instanceof ApiError
          ? { code: err.code, message: err.message }
          : { code: 'network', message: err instanceof Error ? err.message : String(err) };
      this.state.set((s) => ({ ...s, status: more ? 'ready' : 'error', loadingMore: false, error }));
    }
  }
}
