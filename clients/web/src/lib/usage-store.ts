import type { Loaded } from './settings-store.ts';
import { createStore, type Store } from './store.ts';
import type { MyUsage, OrgUsage, UsageApi } from './usage-api.ts';
import { monthOf } from './usage-format.ts';

/** The organisation's month, as the admin part of the Usage page shows it: by person and by country. */
export interface OrgMonth {
  byUser: OrgUsage;
  byCountry: OrgUsage;
}

export interface UsageState {
  /** `YYYY-MM` shown */
  month: string;
  mine: Loaded<MyUsage>;
  /** admins only; stays idle for everyone else */
  org: Loaded<OrgMonth>;
}

export interface UsageStoreDeps {
  api: UsageApi;
  clock?: () => Date;
}

/**
 * The Usage page (ADR 0021): my month by feature and country with the costliest lines, and for an
 * admin the organisation's month by person and by country with a total per day. Each part has its
 * own loading, empty and error state; changing the month reads both again, and an answer to an
 * older month is dropped.
 */
export class UsageStore {
  readonly state: Store<UsageState>;
  private readonly deps: UsageStoreDeps;
  private generation = 0;

  constructor(deps: UsageStoreDeps) {
    this.deps = deps;
    this.state = createStore<UsageState>({
      month: monthOf(deps.clock?.() ?? new Date()),
      mine: { status: 'idle' },
      org: { status: 'idle' },
    });
  }

  /** Reads the month shown: mine, and the organisation's when `admin`. */
  async load(options: { admin: boolean }): Promise<void> {
    const generation = ++this.generation;
    const { month } = this.state.get();
    const current = () => generation === this.generation;
    this.state.set((s) => ({
      ...s,
      mine: { status: 'loading', value: s.mine.value?.month === month ? s.mine.value : undefined },
      ...(options.admin
        ? { org: { status: 'loading', value: s.org.value?.byUser.month === month ? s.org.value : undefined } }
        : {}),
    }));
    const mine = this.deps.api.mine(month).then(
      (value) => current() && this.state.set((s) => ({ ...s, mine: { status: 'ready', value } })),
      (error) => current() && this.state.set((s) => ({ ...s, mine: { status: 'error', error } })),
    );
    const org = options.admin
      ? Promise.all([this.deps.api.organisation(month, 'user'), this.deps.api.organisation(month, 'country')]).then(
          ([byUser, byCountry]) =>
            current() && this.state.set((s) => ({ ...s, org: { status: 'ready', value: { byUser, byCountry } } })),
          (error) => current() && this.state.set((s) => ({ ...s, org: { status: 'error', error } })),
        )
      : undefined;
    await Promise.all([mine, org]);
  }

  /** Shows another month (`YYYY-MM`) and reads it. */
  async showMonth(month: string, options: { admin: boolean }): Promise<void> {
    this.state.set((s) => ({ ...s, month }));
    await this.load(options);
  }
}
