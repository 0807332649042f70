import type {
  AvailableNumber,
  NumberCountry,
  NumberOrder,
  NumbersApi,
  NumberType,
  PhoneNumber,
} from './numbers-api.ts';
import type { Loaded } from './settings-store.ts';
import { createStore, type Store } from './store.ts';

/** What is under way on one number (its buttons are disabled meanwhile). */
export type NumberAction = 'assigning' | 'unassigning' | 'releasing' | 'importing';

export interface NumberSearch {
  status: 'idle' | 'loading' | 'ready' | 'error';
  country?: string;
  type: NumberType;
  results: AvailableNumber[];
  error?: unknown;
}

export interface AdminNumbersState {
  countries: Loaded<NumberCountry[]>;
  /** the whole inventory */
  numbers: Loaded<PhoneNumber[]>;
  search: NumberSearch;
  /** the order placed from this screen, followed while the carrier works on it */
  order: { status: 'idle' | 'placing' | 'placed'; value?: NumberOrder; error?: unknown };
  busy: Record<string, NumberAction>;
  /** the last action that failed, which one and on which number (each part of the screen shows its own) */
  actionError?: { e164: string; action: NumberAction; error: unknown };
}

export interface AdminNumbersStoreDeps {
  numbers: NumbersApi;
  /** how often an order still `processing` is read again */
  orderPollMs?: number;
}

const ORDER_POLL_MS = 3_000;

/**
 * The admin area's state: countries, the inventory, a search of the carrier's numbers, the order
 * placed from here (read again every few seconds while it is `processing`; `pending-documents`
 * takes weeks and is not polled), and imports, assignments and releases. Each action's answer
 * replaces the number it changed, so the list shows the server's view without a reload.
 */
export class AdminNumbersStore {
  readonly state: Store<AdminNumbersState> = createStore<AdminNumbersState>({
    countries: { status: 'idle' },
    numbers: { status: 'idle' },
    search: { status: 'idle', type: 'local', results: [] },
    order: { status: 'idle' },
    busy: {},
  });
  private readonly deps: AdminNumbersStoreDeps;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(deps: AdminNumbersStoreDeps) {
    this.deps = deps;
  }

  /** Countries and the inventory; kept on screen when a later reload fails. */
  async load(): Promise<void> {
    await Promise.all([this.loadCountries(), this.loadNumbers()]);
  }

  async loadCountries(): Promise<void> {
    this.patch((s) => ({ countries: { status: s.countries.value ? 'ready' : 'loading', value: s.countries.value } }));
    try {
      const value = await this.deps.numbers.listCountries();
      this.patch(() => ({ countries: { status: 'ready', value } }));
    } catch (error) {
      this.patch((s) => ({
        countries: { status: s.countries.value ? 'ready' : 'error', value: s.countries.value, error },
      }));
    }
  }

  async loadNumbers(): Promise<void> {
    this.patch((s) => ({ numbers: { status: s.numbers.value ? 'ready' : 'loading', value: s.numbers.value } }));
    try {
      const value = await this.deps.numbers.listNumbers();
      this.patch(() => ({ numbers: { status: 'ready', value } }));
    } catch (error) {
      this.patch((s) => ({ numbers: { status: s.numbers.value ? 'ready' : 'error', value: s.numbers.value, error } }));
    }
  }

  /** The carrier's numbers in a country (Chime's search, or the SIP trunk's free pool). */
  async search(country: string, type: NumberType): Promise<void> {
    this.patch(() => ({ search: { status: 'loading', country, type, results: [] } }));
    try {
      const results = await this.deps.numbers.searchAvailable(country, type);
      if (this.isCurrentSearch(country, type))
        this.patch(() => ({ search: { status: 'ready', country, type, results } }));
    } catch (error) {
      if (this.isCurrentSearch(country, type))
        this.patch(() => ({ search: { status: 'error', country, type, results: [], error } }));
    }
  }

  /** Orders numbers from the search; follows the order until the carrier is done with it. */
  async order(e164s: string[]): Promise<void> {
    this.stopPolling();
    this.patch(() => ({ order: { status: 'placing' } }));
    try {
      const order = await this.deps.numbers.createOrder(e164s);
      this.patch((s) => ({
        order: { status: 'placed', value: order },
        search: { ...s.search, results: s.search.results.filter((r) => !e164s.includes(r.e164)) },
      }));
      this.followOrder(order);
      void this.loadNumbers();
    } catch (error) {
      this.patch(() => ({ order: { status: 'idle', error } }));
    }
  }

  /** Adds a number the SIP trunk's carrier already gave us. */
  async importNumber(e164: string): Promise<boolean> {
    return this.act(e164, 'importing', async () => {
      const number = await this.deps.numbers.importNumber(e164, 'sip-trunk');
      this.patch((s) => ({ search: { ...s.search, results: s.search.results.filter((r) => r.e164 !== e164) } }));
      return number;
    });
  }

  assign(e164: string, userId: string): Promise<boolean> {
    return this.act(e164, 'assigning', () => this.deps.numbers.assign(e164, userId));
  }

  unassign(e164: string): Promise<boolean> {
    return this.act(e164, 'unassigning', () => this.deps.numbers.unassign(e164));
  }

  release(e164: string): Promise<boolean> {
    return this.act(e164, 'releasing', () => this.deps.numbers.release(e164));
  }

  /** The error shown for an action is dismissed (a dialog closed). */
  clearActionError(): void {
    this.patch(() => ({ actionError: undefined }));
  }

  /** The workspace closes: no more polling. */
  dispose(): void {
    this.disposed = true;
    this.stopPolling();
  }

  private async act(e164: string, action: NumberAction, run: () => Promise<PhoneNumber>): Promise<boolean> {
    this.patch((s) => ({ busy: { ...s.busy, [e164]: action }, actionError: undefined }));
    try {
      const number = await run();
      this.patch((s) => ({ numbers: { ...s.numbers, value: upsert(s.numbers.value ?? [], number) } }));
      return true;
    } catch (error) {
      this.patch(() => ({ actionError: { e164, action, error } }));
      return false;
    } finally {
      this.patch((s) => {
        const { [e164]: _done, ...busy } = s.busy;
        return { busy };
      });
    }
  }

  private followOrder(order: NumberOrder): void {
    if (order.status !== 'processing' || this.disposed) return;
    this.pollTimer = setTimeout(() => void this.pollOrder(order.id), this.deps.orderPollMs ?? ORDER_POLL_MS);
  }

  private async pollOrder(id: string): Promise<void> {
    this.pollTimer = undefined;
    let order: NumberOrder;
    try {
      order = await this.deps.numbers.getOrder(id);
    } catch {
      // a read that failed on the way: the order is still being followed, try again later
      order = this.state.get().order.value ?? {
        id,
        status: 'processing',
        numbers: [],
        carrier: '',
        createdAt: '',
        updatedAt: '',
      };
    }
    if (this.disposed || this.state.get().order.value?.id !== id) return;
    this.patch(() => ({ order: { status: 'placed', value: order } }));
    if (order.status === 'processing') this.followOrder(order);
    else void this.loadNumbers();
  }

  private stopPolling(): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
  }

  private isCurrentSearch(country: string, type: NumberType): boolean {
    const { search } = this.state.get();
    return search.country === country && search.type === type;
  }

  private patch(change: (s: AdminNumbersState) => Partial<AdminNumbersState>): void {
    this.state.set((s) => ({ ...s, ...change(s) }));
  }
}

/** The list with `number` in place of the one with its e164, or added at the end. */
function upsert(list: PhoneNumber[], number: PhoneNumber): PhoneNumber[] {
  const at = list.findIndex((n) => n.e164 === number.e164);
  return at < 0 ? [...list, number] : list.map((n, i) => (i === at ? number : n));
}
