import { NumberAssigned, NumberReleased } from '@parley/events/numbers';
import type { ServerFrame } from '@parley/realtime/frames';
import type { NumbersApi, PhoneNumber } from './numbers-api.ts';
import type { Loaded } from './settings-store.ts';
import { createStore, type Store } from './store.ts';

export interface MyNumbersState {
  numbers: Loaded<PhoneNumber[]>;
}

export interface MyNumbersStoreDeps {
  numbers: NumbersApi;
  /** the signed-in user's id: an admin's `GET /numbers` lists everyone's, and only mine are shown */
  me: string;
}

/**
 * The Settings card "My phone number": the numbers assigned to me. A frame saying one was assigned
 * to me or released from me is a hint: the list is read again (the REST API is the truth), and a
 * released number leaves the card at once so it never shows a number that no longer rings.
 */
export class MyNumbersStore {
  readonly state: Store<MyNumbersState> = createStore<MyNumbersState>({ numbers: { status: 'idle' } });
  private readonly deps: MyNumbersStoreDeps;
  /** answers to older loads are dropped: a frame's reload may overtake the first one */
  private generation = 0;

  constructor(deps: MyNumbersStoreDeps) {
    this.deps = deps;
  }

  async load(): Promise<void> {
    const generation = ++this.generation;
    this.set((n) => ({ status: n.value ? 'ready' : 'loading', value: n.value }));
    try {
      const all = await this.deps.numbers.listNumbers();
      const value = all.filter((n) => n.state === 'assigned' && n.assignedTo?.userId === this.deps.me);
      if (generation === this.generation) this.set(() => ({ status: 'ready', value }));
    } catch (error) {
      if (generation === this.generation)
        this.set((n) => ({ status: n.value ? 'ready' : 'error', value: n.value, error }));
    }
  }

  /** After a reconnect: frames may have been missed. Only once the card has been shown. */
  async resync(): Promise<void> {
    if (this.state.get().numbers.status !== 'idle') await this.load();
  }

  applyFrame(frame: ServerFrame): void {
    if (frame.type !== NumberAssigned.detailType && frame.type !== NumberReleased.detailType) return;
    if (frame.type === NumberReleased.detailType && typeof frame.data.e164 === 'string') {
      const gone = frame.data.e164;
      this.set((n) => (n.value ? { ...n, value: n.value.filter((x) => x.e164 !== gone) } : n));
    }
    void this.load();
  }

  private set(change: (n: Loaded<PhoneNumber[]>) => Loaded<PhoneNumber[]>): void {
    this.state.set((s) => ({ ...s, numbers: change(s.numbers) }));
  }
}
