import type { CallSettings } from './call-model.ts';
import type { CallingApi } from './calling-api.ts';
import type { Loaded } from './settings-store.ts';
import { createStore, type Store } from './store.ts';

export interface CallSettingsState {
  settings: Loaded<CallSettings>;
  save: { status: 'idle' | 'saving' | 'saved'; error?: unknown };
}

/** Limits the calling service holds to (`PUT /calling/settings`). */
export const RING_TIMEOUT = { min: 10, max: 120, default: 30 } as const;
export const GREETING_MAX = 300;

/**
 * The Settings card "Calls": how long my devices ring, voicemail on or off and its greeting, and a
 * number to forward calls to. A save replaces them all; a refused one (a forward number the fraud
 * guard refuses: 422 `call_not_allowed`) keeps the form as typed and says why.
 */
export class CallSettingsStore {
  readonly state: Store<CallSettingsState> = createStore<CallSettingsState>({
    settings: { status: 'idle' },
    save: { status: 'idle' },
  });
  private readonly api: Pick<CallingApi, 'getSettings' | 'putSettings'>;

  constructor(deps: { api: Pick<CallingApi, 'getSettings' | 'putSettings'> }) {
    this.api = deps.api;
  }

  async load(): Promise<void> {
    this.setSettings((s) => ({ status: s.value ? 'ready' : 'loading', value: s.value }));
    try {
      const value = await this.api.getSettings();
      this.setSettings(() => ({ status: 'ready', value }));
    } catch (error) {
      this.setSettings((s) => ({ status: s.value ? 'ready' : 'error', value: s.value, error }));
    }
  }

  async save(settings: CallSettings): Promise<boolean> {
    this.state.set((s) => ({ ...s, save: { status: 'saving' } }));
    try {
      const value = await this.api.putSettings(settings);
      this.state.set((s) => ({ ...s, settings: { status: 'ready', value }, save: { status: 'saved' } }));
      return true;
    } catch (error) {
      this.state.set((s) => ({ ...s, save: { status: 'idle', error } }));
      return false;
    }
  }

  /** The form changed after a save: "Saved." no longer describes it. */
  editing(): void {
    if (this.state.get().save.status === 'saved') this.state.set((s) => ({ ...s, save: { status: 'idle' } }));
  }

  private setSettings(change: (s: Loaded<CallSettings>) => Loaded<CallSettings>): void {
    this.state.set((s) => ({ ...s, settings: change(s.settings) }));
  }
}
