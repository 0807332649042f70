import type { CallLogPage } from './call-model.ts';
import type { CallLogState, CallsState } from './call-state.ts';
import type { CallingApi } from './calling-api.ts';
import type { Store } from './store.ts';

/** How many calls one page of the log holds. */
export const LOG_PAGE = 20;

export const initialLog: CallLogState = { status: 'idle', items: [], loadingMore: false, unseenMissedCount: 0 };

/** The call log part of the call store: pages newest first, the unseen-missed count, marking seen. */
export class CallLog {
  private readonly api: CallingApi;
  private readonly state: Store<CallsState>;

  constructor(api: CallingApi, state: Store<CallsState>) {
    this.api = api;
    this.state = state;
  }

  async load(): Promise<void> {
    this.patch((log) => ({ ...log, status: log.status === 'ready' ? 'ready' : 'loading' }));
    try {
      this.setLog(await this.api.list({ limit: LOG_PAGE }), false);
    } catch {
      this.patch((log) => ({ ...log, status: log.status === 'ready' ? 'ready' : 'error' }));
    }
  }

  async loadMore(): Promise<void> {
    const { nextBefore, loadingMore } = this.state.get().log;
    if (!nextBefore || loadingMore) return;
    this.patch((log) => ({ ...log, loadingMore: true }));
    try {
      this.setLog(await this.api.list({ before: nextBefore, limit: LOG_PAGE }), true);
    } finally {
      this.patch((log) => ({ ...log, loadingMore: false }));
    }
  }

  async markSeen(): Promise<void> {
    const { log } = this.state.get();
    if (log.unseenMissedCount === 0 && !log.items.some((c) => c.seen === false)) return;
    this.patch((l) => ({
      ...l,
      unseenMissedCount: 0,
      items: l.items.map((c) => (c.seen === false ? { ...c, seen: true } : c)),
    }));
    await this.api.markSeen().catch(() => undefined);
  }

  /** A first page read for another reason (a reconnect): the badge's count, and the log if it is shown. */
  took(page: CallLogPage): void {
    if (this.state.get().log.status === 'ready') this.setLog(page, false);
    else this.patch((log) => ({ ...log, unseenMissedCount: page.unseenMissedCount }));
  }

  private setLog(page: CallLogPage, append: boolean): void {
    this.state.set((s) => {
      const items = append
        ? [...s.log.items, ...page.items.filter((c) => !s.log.items.some((o) => o.id === c.id))]
        : page.items;
      return {
        ...s,
        log: {
          ...s.log,
          status: 'ready',
          items,
          nextBefore: page.nextBefore,
          unseenMissedCount: page.unseenMissedCount,
        },
      };
    });
  }

  private patch(change: (log: CallLogState) => CallLogState): void {
    this.state.set((s) => ({ ...s, log: change(s.log) }));
  }
}
