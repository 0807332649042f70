import type { IdentityApi, ProfileChanges } from './identity-api.ts';
import type { NotificationPreferences, Profile, Session } from './model.ts';
import type { NotificationsApi } from './notifications-api.ts';
import { createStore, type Store } from './store.ts';

/**
 * One part of the settings screen loaded from the server: `loading` until the first answer,
 * `error` when that failed (nothing to show), `ready` with the value. `error` next to `ready` is a
 * later action that failed (a revoke, a save): the value stays on screen with the error above it.
 */
export interface Loaded<T> {
  status: 'idle' | 'loading' | 'ready' | 'error';
  value?: T;
  error?: unknown;
}

/** The SMS switches of the settings screen, in the order shown. */
export const SMS_PREFERENCES = ['smsOnMissedCall', 'smsOnVoicemail', 'smsOnMessageWhenOffline'] as const;
export type SmsPreference = (typeof SMS_PREFERENCES)[number];

export interface SettingsState {
  sessions: Loaded<Session[]>;
  preferences: Loaded<NotificationPreferences>;
  profile: { status: 'idle' | 'saving' | 'saved'; error?: unknown };
}

export interface SettingsStoreDeps {
  identity: IdentityApi;
  notifications: NotificationsApi;
  /** the signed-in profile, the base of an edit */
  me: () => Profile;
  /** this device's session id, to mark it in the list */
  currentSessionId: () => string | undefined;
  /** a saved profile: the session and the people store show it at once */
  profileSaved: (profile: Profile) => void;
}

/** The settings screen's state and actions: my sessions, SMS preferences and profile edits. */
export class SettingsStore {
  readonly state: Store<SettingsState> = createStore<SettingsState>({
    sessions: { status: 'idle' },
    preferences: { status: 'idle' },
    profile: { status: 'idle' },
  });
  private readonly deps: SettingsStoreDeps;

  constructor(deps: SettingsStoreDeps) {
    this.deps = deps;
  }

  async loadSessions(): Promise<void> {
    this.setSessions((s) => ({ status: s.value ? 'ready' : 'loading', value: s.value }));
    try {
      const value = await this.deps.identity.listSessions(this.deps.currentSessionId());
      this.setSessions(() => ({ status: 'ready', value }));
    } catch (error) {
      this.setSessions((s) => ({ status: s.value ? 'ready' : 'error', value: s.value, error }));
    }
  }

  /** Ends another device's session; on failure the list stays and says why. */
  async revokeSession(id: string): Promise<void> {
    this.setSessions((s) => ({ ...s, error: undefined }));
    try {
      await this.deps.identity.revokeSession(id);
      this.setSessions((s) => ({ ...s, value: s.value?.filter((session) => session.id !== id) }));
    } catch (error) {
      this.setSessions((s) => ({ ...s, error }));
    }
  }

  async loadPreferences(): Promise<void> {
    this.setPreferences((p) => ({ status: p.value ? 'ready' : 'loading', value: p.value }));
    try {
      const value = await this.deps.notifications.getPreferences();
      this.setPreferences(() => ({ status: 'ready', value }));
    } catch (error) {
      this.setPreferences((p) => ({ status: p.value ? 'ready' : 'error', value: p.value, error }));
    }
  }

  /** Flips one switch at once and saves; a refused save puts the switch back and says why. */
  async setPreference(key: SmsPreference, on: boolean): Promise<void> {
    const previous = this.state.get().preferences.value;
    if (!previous) return;
    const next = { ...previous, [key]: on };
    this.setPreferences((p) => ({ ...p, value: next, error: undefined }));
    try {
      const saved = await this.deps.notifications.putPreferences(next);
      if (saved) this.setPreferences((p) => ({ ...p, value: saved }));
    } catch (error) {
      this.setPreferences((p) => ({ ...p, value: previous, error }));
    }
  }

  /** Saves my profile; field errors from the API stay in `profile.error` for the form. */
  async saveProfile(changes: ProfileChanges): Promise<void> {
    this.setProfile({ status: 'saving' });
    try {
      const updated = await this.deps.identity.updateMe(changes);
      this.deps.profileSaved(updated ?? { ...this.deps.me(), ...changes });
      this.setProfile({ status: 'saved' });
    } catch (error) {
      this.setProfile({ status: 'idle', error });
    }
  }

  /** The form changed after a save: "Saved." no longer describes it. */
  editingProfile(): void {
    if (this.state.get().profile.status === 'saved') this.setProfile({ status: 'idle' });
  }

  /** The form opens afresh: no "Saved." or error left from the last visit (a save under way stays). */
  openProfileForm(): void {
    if (this.state.get().profile.status !== 'saving') this.setProfile({ status: 'idle' });
  }

  private setSessions(change: (s: Loaded<Session[]>) => Loaded<Session[]>): void {
    this.state.set((s) => ({ ...s, sessions: change(s.sessions) }));
  }

  private setPreferences(change: (p: Loaded<NotificationPreferences>) => Loaded<NotificationPreferences>): void {
    this.state.set((s) => ({ ...s, preferences: change(s.preferences) }));
  }

  private setProfile(profile: SettingsState['profile']): void {
    this.state.set((s) => ({ ...s, profile }));
  }
}
