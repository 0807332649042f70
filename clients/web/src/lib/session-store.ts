import { ApiError, type TokenSource } from './api-client.ts';
import type { AuthApi, Tokens } from './auth-api.ts';
import type { Profile } from './model.ts';
import { forgetOfflineProfile, keepOfflineProfile, readOfflineProfile } from './pwa-offline-profile.ts';
import { createStore, type Store } from './store.ts';

/**
 * Who is signed in, and their tokens.
 *
 * Trade-off, written down on purpose: the refresh token lives in `localStorage` so a reload (or a
 * new tab) stays signed in without a cookie-issuing backend; any script running on the origin could
 * read it, so the client ships no third-party scripts and the server rotates refresh tokens with
 * reuse detection (a stolen, already-used token revokes the whole family). The access token (15 min)
 * stays in memory only. Renewals are serialised across tabs with the Web Locks API and always use the
 * newest stored token, so two tabs never present the same refresh token twice.
 */

export type SessionState =
  | { status: 'loading' }
  | { status: 'unreachable' }
  | { status: 'signed-out'; notice?: 'expired' }
  | { status: 'signed-in'; user: Profile; sessionId?: string };

export interface SessionDeps {
  /** identity's sign-in routes, on an API client without a token source (the session is the token source) */
  auth: AuthApi;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  now?: () => number;
  /** serialises renewals across tabs; defaults to `navigator.locks` when present */
  lock?: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
}

export const REFRESH_TOKEN_KEY = 'parley.refreshToken';
/** renew this long before the access token expires */
const RENEW_EARLY_MS = 60_000;

function defaultLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks;
  return locks ? (locks.request(name, fn) as Promise<T>) : fn();
}

/** The session id inside an access token (claims `sid` or `sessionId`), to mark "this device". */
export function sessionIdOf(accessToken: string): string | undefined {
  try {
    const payload = accessToken.split('.')[1] ?? '';
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const sid = json.sid ?? json.sessionId;
    return typeof sid === 'string' ? sid : undefined;
  } catch {
    return undefined;
  }
}

export class SessionStore implements TokenSource {
  readonly state: Store<SessionState> = createStore<SessionState>({ status: 'loading' });
  private access?: { token: string; expiresAt: number };
  private renewing?: Promise<boolean>;
  private timer?: ReturnType<typeof setTimeout>;
  private readonly storage: NonNullable<SessionDeps['storage']>;
  private readonly now: () => number;
  private readonly lock: NonNullable<SessionDeps['lock']>;
  private readonly deps: SessionDeps;

  constructor(deps: SessionDeps) {
    this.deps = deps;
    this.storage = deps.storage ?? globalThis.localStorage;
    this.now = deps.now ?? Date.now;
    this.lock = deps.lock ?? defaultLock;
  }

  /** On start: renew from the stored refresh token, if any, and load the profile. */
  async restore(): Promise<void> {
    if (!this.storage.getItem(REFRESH_TOKEN_KEY)) {
      this.state.set({ status: 'signed-out' });
      return;
    }
    this.state.set({ status: 'loading' });
    try {
      if (!(await this.renew())) return;
      await this.loadMe();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.signedOut('expired');
      else this.resumeOffline();
    }
  }

  async register(input: { email: string; password: string; displayName: string }): Promise<void> {
    const { user, tokens } = await this.deps.auth.register(input);
    this.accept(tokens);
    this.signedIn(user);
  }

  async login(input: { email: string; password: string }): Promise<void> {
    const { user, tokens } = await this.deps.auth.login(input);
    this.accept(tokens);
    this.signedIn(user);
  }

  /** Ends this session on the server (best effort) and forgets the tokens here. */
  async logout(): Promise<void> {
    const refreshToken = this.storage.getItem(REFRESH_TOKEN_KEY);
    const token = this.access?.token;
    this.clear();
    this.state.set({ status: 'signed-out' });
    if (!refreshToken) return;
    await this.deps.auth.logout(refreshToken, token).catch(() => undefined);
  }

  /** Replaces the cached profile (after PATCH /me). */
  setUser(user: Profile): void {
    const current = this.state.get();
    if (current.status !== 'signed-in') return;
    keepOfflineProfile(this.storage, user);
    this.state.set({ ...current, user });
  }

  async accessToken(): Promise<string | undefined> {
    if (this.access && this.access.expiresAt - this.now() > 30_000) return this.access.token;
    if (!this.storage.getItem(REFRESH_TOKEN_KEY)) return undefined;
    await this.renew().catch(() => false);
    return this.access?.token;
  }

  async renewAfterUnauthorized(): Promise<boolean> {
    this.access = undefined;
    return this.renew().catch(() => false);
  }

  /**
   * Checks the session with the server (the WebSocket keeps being refused): a renewal the server
   * refuses signs out with the "expired" notice; network trouble changes nothing.
   */
  async verify(): Promise<void> {
    if (this.state.get().status !== 'signed-in') return;
    await this.renew().catch(() => undefined);
  }

  /** Another tab signed out (or in): follow it. */
  onStorage(event: StorageEvent): void {
    if (event.key !== REFRESH_TOKEN_KEY) return;
    const status = this.state.get().status;
    if (event.newValue === null && status === 'signed-in') this.signedOut();
    if (event.newValue !== null && status === 'signed-out') void this.restore();
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private renew(): Promise<boolean> {
    this.renewing ??= this.lock('parley-refresh', async () => {
      const refreshToken = this.storage.getItem(REFRESH_TOKEN_KEY);
      if (!refreshToken) {
        this.signedOut('expired');
        return false;
      }
      try {
        this.accept(await this.deps.auth.refresh(refreshToken));
        return true;
      } catch (error) {
        // Refused (revoked, expired, reused): sign out. Network trouble: keep the token and try later.
        if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429) {
          this.signedOut('expired');
          return false;
        }
        throw error;
      }
    }).finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  private accept(tokens: Tokens): void {
    this.storage.setItem(REFRESH_TOKEN_KEY, tokens.refreshToken);
    const lifetime = Math.max(1, tokens.expiresIn) * 1000;
    this.access = { token: tokens.accessToken, expiresAt: this.now() + lifetime };
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.renew().catch(() => undefined), Math.max(5_000, lifetime - RENEW_EARLY_MS));
    const current = this.state.get();
    if (current.status === 'signed-in') this.state.set({ ...current, sessionId: sessionIdOf(tokens.accessToken) });
  }

  private async loadMe(): Promise<void> {
    this.signedIn(await this.deps.auth.me(this.access?.token));
  }

  /**
   * The server cannot be reached on start: with the profile of the last sign-in (this refresh
   * token's), open the app on what is cached (the worker's offline copy); the token is renewed
   * when the network is back. Without one: "unreachable".
   */
  private resumeOffline(): void {
    const user = readOfflineProfile(this.storage);
    this.state.set(user ? { status: 'signed-in', user } : { status: 'unreachable' });
  }

  private signedIn(user: Profile | undefined): void {
    if (!user) throw new ApiError(0, 'bad_response', 'The server sent no user');
    keepOfflineProfile(this.storage, user);
    this.state.set({ status: 'signed-in', user, sessionId: this.access ? sessionIdOf(this.access.token) : undefined });
  }

  private signedOut(notice?: 'expired'): void {
    this.clear();
    this.state.set({ status: 'signed-out', notice });
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.access = undefined;
    this.storage.removeItem(REFRESH_TOKEN_KEY);
    forgetOfflineProfile(this.storage);
  }
}
