import { type ApiClient, createApiClient } from './api-client.ts';
import { authApi } from './auth-api.ts';
import { SessionStore } from './session-store.ts';
import { createStore, type Store } from './store.ts';
import type { ParleyOptions, Workspace } from './workspace-model.ts';

export type { ParleyOptions, Workspace } from './workspace-model.ts';

/** The workspace's chunk (its stores, the realtime link, libphonenumber, the frames' schemas): imported once. */
let workspaceModule: Promise<typeof import('./workspace.ts')> | undefined;
function loadWorkspace(): Promise<typeof import('./workspace.ts')> {
  workspaceModule ??= import('./workspace.ts').catch((error: unknown) => {
    workspaceModule = undefined; // a failed fetch is tried again, not remembered
    throw error;
  });
  return workspaceModule;
}

const RETRY_MS = [500, 1_000, 2_000, 5_000];

/**
 * The client's composition root: session, API, and the per-user workspace with its realtime link. The
 * workspace is its own chunk: the sign-in screen never loads it, and a stored session starts fetching it
 * beside the token's renewal, so being signed in costs no extra round trip.
 */
export class Parley {
  readonly session: SessionStore;
  readonly api: ApiClient;
  readonly workspace: Store<Workspace | undefined> = createStore<Workspace | undefined>(undefined);
  private readonly options: ParleyOptions;
  private cleanup: (() => void)[] = [];
  /** bumped whenever the workspace closes or another one starts opening: a stale open is dropped */
  private generation = 0;
  /** the user whose workspace is being opened (its chunk in flight) */
  private opening: string | undefined;

  constructor(options: ParleyOptions = {}) {
    this.options = options;
    const apiBase = options.apiBase ?? '/api';
    this.session = new SessionStore({
      auth: authApi(createApiClient({ baseUrl: apiBase, fetch: options.fetch })),
      storage: options.storage,
    });
    this.api = createApiClient({ baseUrl: apiBase, tokens: this.session, fetch: options.fetch });
  }

  start(): () => void {
    const win = this.options.window ?? globalThis.window;
    const onStorage = (event: StorageEvent) => this.session.onStorage(event);
    win?.addEventListener('storage', onStorage);
    const unsubscribe = this.session.state.subscribe(() => this.follow());
    void this.session.restore();
    // a stored session is being renewed: fetch the workspace's code meanwhile
    if (this.session.state.get().status === 'loading') void loadWorkspace().catch(() => undefined);
    return () => {
      unsubscribe();
      win?.removeEventListener('storage', onStorage);
      this.closeWorkspace();
      this.session.dispose();
    };
  }

  private follow(): void {
    const state = this.session.state.get();
    const current = this.workspace.get();
    if (state.status === 'signed-in') {
      if (current?.me.id === state.user.id) {
        if (current.me !== state.user) this.workspace.set({ ...current, me: state.user });
        return;
      }
      if (!current && this.opening === state.user.id) return;
      this.closeWorkspace();
      void this.openWorkspace(state.user.id);
    } else if (state.status === 'signed-out') {
      this.closeWorkspace();
    }
  }

  private async openWorkspace(userId: string): Promise<void> {
    const generation = ++this.generation;
    this.opening = userId;
    let module: Awaited<ReturnType<typeof loadWorkspace>> | undefined;
    for (let attempt = 0; !module; attempt++) {
      try {
        module = await loadWorkspace();
      } catch {
        // the chunk did not arrive (offline without the service worker's copy): try again, later each time
        if (generation !== this.generation) return;
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]));
      }
      if (generation !== this.generation) return;
    }
    const state = this.session.state.get();
    if (state.status !== 'signed-in' || state.user.id !== userId) return;
    this.opening = undefined;
    const opened = module.openWorkspace({
      me: state.user,
      session: this.session,
      api: this.api,
      options: this.options,
      current: this.workspace,
    });
    this.cleanup = opened.cleanup;
    this.workspace.set(opened.workspace);
    opened.start();
  }

  private closeWorkspace(): void {
    this.generation++;
    this.opening = undefined;
    for (const fn of this.cleanup) fn();
    this.cleanup = [];
    if (this.workspace.get()) this.workspace.set(undefined);
  }
}
