import type { EventData } from '@parley/events/define-event';
import { ProfileUpdated } from '@parley/events/identity';
import { PresenceChanged } from '@parley/events/notifications';
import { GatewayFrameType, type ServerFrame } from '@parley/realtime/frames';
import type { IdentityApi } from './identity-api.ts';
import { type Presence, type Profile, readProfile } from './model.ts';
import type { NotificationsApi } from './notifications-api.ts';
import { createStore, type Store } from './store.ts';

/** Everyone the client has met: profiles (for names), my contacts, and who is online. */
export interface PeopleState {
  profiles: Record<string, Profile>;
  presence: Record<string, Presence>;
  /** my contacts' ids, undefined until loaded */
  contacts?: string[];
  /** the ids of the people I blocked, undefined until loaded */
  blocked?: string[];
}

/** ids in one `GET /notifications/presence` (the cost model reads it) */
export const PRESENCE_BATCH = 50;
/**
 * Presence is pushed (ADR 0034), so the client does not poll it. It asks again after a reconnect, and
 * when the tab is shown after this long hidden or unrefreshed (a frame lost while it slept).
 */
export const PRESENCE_STALE_MS = 5 * 60_000;
/**
 * How often a shown member list of a group too big for presence frames (PRESENCE_PUSH_MAX_MEMBERS) asks
 * for its members' presence while it stays open and visible.
 */
export const WATCHED_PRESENCE_REFRESH_MS = 60_000;

export class PeopleStore {
  readonly state: Store<PeopleState> = createStore<PeopleState>({ profiles: {}, presence: {} });
  private readonly identity: IdentityApi;
  private readonly notifications: NotificationsApi;
  private readonly requested = new Set<string>();
  private readonly now: () => number;
  private readonly isVisible: () => boolean;
  private refreshedAt = Number.NEGATIVE_INFINITY;

  constructor(deps: {
    identity: IdentityApi;
    notifications: NotificationsApi;
    now?: () => number;
    /** whether the page is shown (a hidden tab's member list stops asking) */
    isVisible?: () => boolean;
  }) {
    this.identity = deps.identity;
    this.notifications = deps.notifications;
    this.now = deps.now ?? Date.now;
    this.isVisible = deps.isVisible ?? (() => true);
  }

  remember(profiles: Profile[]): void {
    if (profiles.length === 0) return;
    this.state.set((s) => {
      const next = { ...s.profiles };
      for (const p of profiles) next[p.id] = { ...next[p.id], ...p };
      return { ...s, profiles: next };
    });
  }

  /** Loads the public profiles of the ids not seen yet (names and avatars in lists). */
  async ensureProfiles(ids: Iterable<string>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => id && !this.state.get().profiles[id] && !this.requested.has(id));
    if (missing.length === 0) return;
    for (const id of missing) this.requested.add(id);
    const loaded = await Promise.all(
      missing.map((id) =>
        this.identity.getUser(id).catch(() => {
          this.requested.delete(id);
          return undefined;
        }),
      ),
    );
    this.remember(loaded.flatMap((p) => p ?? []));
    void this.loadPresence(missing);
  }

  /** Directory search; results are remembered as profiles. */
  async search(q: string): Promise<Profile[]> {
    const found = await this.identity.searchUsers(q);
    this.remember(found);
    void this.loadPresence(found.map((p) => p.id));
    return found;
  }

  async loadContacts(): Promise<void> {
    const contacts = await this.identity.listContacts();
    // A contact without a name (only its id) is looked up below rather than remembered nameless.
    this.remember(contacts.filter((p) => p.displayName !== p.id));
    const ids = contacts.map((p) => p.id);
    this.state.set((s) => ({ ...s, contacts: ids }));
    await this.ensureProfiles(ids);
    await this.loadPresence(ids);
  }

  async addContact(profile: Profile): Promise<void> {
    await this.identity.addContact(profile.id);
    this.remember([profile]);
    this.state.set((s) => ({ ...s, contacts: [...new Set([...(s.contacts ?? []), profile.id])] }));
  }

  async removeContact(id: string): Promise<void> {
    await this.identity.removeContact(id);
    this.state.set((s) => ({ ...s, contacts: (s.contacts ?? []).filter((c) => c !== id) }));
  }

  async loadBlocks(): Promise<void> {
    const blocked = await this.identity.listBlocks();
    this.remember(blocked.filter((p) => p.displayName !== p.id));
    this.state.set((s) => ({ ...s, blocked: blocked.map((p) => p.id) }));
  }

  /** Blocks someone: no direct messages, calls, presence or typing between us until unblocked. */
  async block(id: string): Promise<void> {
    await this.identity.block(id);
    this.state.set((s) => {
      const { [id]: _, ...presence } = s.presence;
      return { ...s, presence, blocked: [...new Set([...(s.blocked ?? []), id])] };
    });
  }

  async unblock(id: string): Promise<void> {
    await this.identity.unblock(id);
    this.state.set((s) => ({ ...s, blocked: (s.blocked ?? []).filter((b) => b !== id) }));
  }

  async loadPresence(ids: string[]): Promise<void> {
    const unique = [...new Set(ids)].filter(Boolean);
    for (let i = 0; i < unique.length; i += PRESENCE_BATCH) {
      const batch = unique.slice(i, i + PRESENCE_BATCH);
      const presence = await this.notifications.presence(batch).catch(() => ({}));
      if (Object.keys(presence).length) this.state.set((s) => ({ ...s, presence: { ...s.presence, ...presence } }));
    }
  }

  /** After a reconnect: presence may have changed while we were away. */
  async refreshPresence(): Promise<void> {
    this.refreshedAt = this.now();
    await this.loadPresence(Object.keys(this.state.get().profiles));
  }

  /** When the tab is shown again: refreshes everyone's presence if the last refresh is older than `maxAgeMs`. */
  async refreshPresenceIfStale(maxAgeMs = PRESENCE_STALE_MS): Promise<void> {
    if (this.now() - this.refreshedAt < maxAgeMs) return;
    await this.refreshPresence();
  }

  /**
   * A shown list of people (a group's members): loads their presence now and, with `repeat` (a group too
   * big for presence frames), again every WATCHED_PRESENCE_REFRESH_MS while the page is visible. Returns
   * the function that stops it.
   */
  watchPresence(ids: string[], options: { repeat: boolean }): () => void {
    void this.loadPresence(ids);
    if (!options.repeat) return () => undefined;
    const timer = setInterval(() => {
      if (this.isVisible()) void this.loadPresence(ids);
    }, WATCHED_PRESENCE_REFRESH_MS);
    return () => clearInterval(timer);
  }

  applyFrame(frame: ServerFrame): void {
    if (frame.type === PresenceChanged.detailType) {
      // Fields may be missing (a frame cut to fit 32 KB keeps only small ones): check each.
      const d = frame.data as Partial<EventData<typeof PresenceChanged>>;
      if (typeof d.userId !== 'string') return;
      const userId = d.userId;
      const presence: Presence = {
        status: d.status === 'online' ? 'online' : 'offline',
        lastSeenAt: typeof d.lastSeenAt === 'string' ? d.lastSeenAt : undefined,
      };
      this.state.set((s) => ({ ...s, presence: { ...s.presence, [userId]: presence } }));
    }
    if (frame.type === GatewayFrameType.profile) {
      // someone else's public profile changed: keep what I know of them current (a new avatar is refetched)
      const d = frame.data as { userId?: unknown; displayName?: unknown; statusMessage?: unknown; changed?: unknown };
      if (typeof d.userId !== 'string' || typeof d.displayName !== 'string') return;
      const userId = d.userId;
      const known = this.state.get().profiles[userId];
      const statusMessage = typeof d.statusMessage === 'string' ? d.statusMessage : undefined;
      this.remember([{ roles: [], ...known, id: userId, displayName: d.displayName, statusMessage }]);
      if (Array.isArray(d.changed) && d.changed.includes('avatar'))
        void this.identity
          .getUser(userId)
          .then((p) => p && this.remember([p]))
          .catch(() => undefined);
      return;
    }
    if (frame.type === ProfileUpdated.detailType) {
      const d = frame.data as Partial<EventData<typeof ProfileUpdated>>;
      const profile = typeof d.userId === 'string' ? readProfile({ ...d, id: d.userId }) : undefined;
      if (profile) this.remember([profile]);
    }
  }
}
