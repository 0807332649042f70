import type { ServerFrame } from '@parley/realtime/frames';
import type { ApiClient } from './api-client.ts';
import { itemsOf, type Presence, type Profile, readProfile } from './model.ts';
import { createStore, type Store } from './store.ts';

/** Everyone the client has met: profiles (for names), my contacts, and who is online. */
export interface PeopleState {
  profiles: Record<string, Profile>;
  presence: Record<string, Presence>;
  /** my contacts' ids, undefined until loaded */
  contacts?: string[];
}

const PRESENCE_BATCH = 50;

export class PeopleStore {
  readonly state: Store<PeopleState> = createStore<PeopleState>({ profiles: {}, presence: {} });
  private readonly api: ApiClient;
  private readonly requested = new Set<string>();

  constructor(api: ApiClient) {
    this.api = api;
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
        this.api
          .request<unknown>('GET', `/identity/users/${encodeURIComponent(id)}`)
          .then(readProfile)
          .catch(() => {
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
    const body = await this.api.request<unknown>('GET', '/identity/users', { query: { q } });
    const found = itemsOf(body).flatMap((raw) => readProfile(raw) ?? []);
    this.remember(found);
    void this.loadPresence(found.map((p) => p.id));
    return found;
  }

  async loadContacts(): Promise<void> {
    const body = await this.api.request<unknown>('GET', '/identity/contacts');
    const raws = itemsOf(body);
    const withNames = raws.flatMap((raw) => readProfile(raw) ?? []).filter((p) => p.displayName !== p.id);
    this.remember(withNames);
    const ids = raws.flatMap((raw) => readProfile(raw)?.id ?? []);
    this.state.set((s) => ({ ...s, contacts: ids }));
    await this.ensureProfiles(ids);
    await this.loadPresence(ids);
  }

  async addContact(profile: Profile): Promise<void> {
    await this.api.request('PUT', `/identity/contacts/${encodeURIComponent(profile.id)}`);
    this.remember([profile]);
    this.state.set((s) => ({ ...s, contacts: [...new Set([...(s.contacts ?? []), profile.id])] }));
  }

  async removeContact(id: string): Promise<void> {
    await this.api.request('DELETE', `/identity/contacts/${encodeURIComponent(id)}`);
    this.state.set((s) => ({ ...s, contacts: (s.contacts ?? []).filter((c) => c !== id) }));
  }

  async loadPresence(ids: string[]): Promise<void> {
    const unique = [...new Set(ids)].filter(Boolean);
    for (let i = 0; i < unique.length; i += PRESENCE_BATCH) {
      const batch = unique.slice(i, i + PRESENCE_BATCH);
      const body = await this.api
        .request<unknown>('GET', '/notifications/presence', { query: { userIds: batch.join(',') } })
        .catch(() => undefined);
      const entries: [string, Presence][] = [];
      for (const raw of itemsOf(body)) {
        const item = raw as { userId?: unknown; status?: unknown; lastSeenAt?: unknown };
        if (typeof item.userId !== 'string') continue;
        entries.push([
          item.userId,
          {
            status: item.status === 'online' ? 'online' : 'offline',
            lastSeenAt: typeof item.lastSeenAt === 'string' ? item.lastSeenAt : undefined,
          },
        ]);
      }
      if (entries.length)
        this.state.set((s) => ({ ...s, presence: { ...s.presence, ...Object.fromEntries(entries) } }));
    }
  }

  /** After a reconnect: presence may have changed while we were away. */
  async refreshPresence(): Promise<void> {
    await this.loadPresence(Object.keys(this.state.get().profiles));
  }

  applyFrame(frame: ServerFrame): void {
    const d = frame.data;
    if (frame.type === 'notifications.PresenceChanged' && typeof d.userId === 'string') {
      const presence: Presence = {
        status: d.status === 'online' ? 'online' : 'offline',
        lastSeenAt: typeof d.lastSeenAt === 'string' ? d.lastSeenAt : undefined,
      };
      this.state.set((s) => ({ ...s, presence: { ...s.presence, [d.userId as string]: presence } }));
    }
    if (frame.type === 'identity.ProfileUpdated' && typeof d.userId === 'string') {
      const profile = readProfile({ ...d, id: d.userId });
      if (profile) this.remember([profile]);
    }
  }
}
