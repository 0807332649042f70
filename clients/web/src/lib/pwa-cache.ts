import { CURRENT_USER_KEY, DATA_CACHE_PREFIX, dataCacheName, META_CACHE } from '../sw-policy.ts';
import type { SessionState } from './session-store.ts';
import type { Store } from './store.ts';

/**
 * The page's half of the offline copy (the worker's half is src/sw.ts): it tells the worker who is
 * signed in, by a Cache Storage entry the worker reads on each request, and deletes the cached data
 * of everyone else. At sign-out every user's data goes, so the next person on this browser never
 * sees the last one's chats.
 */
export interface CacheStorageLike {
  open(name: string): Promise<Pick<Cache, 'put' | 'delete'>>;
  keys(): Promise<string[]>;
  delete(name: string): Promise<boolean>;
}

function defaultCaches(): CacheStorageLike | undefined {
  return typeof caches === 'undefined' ? undefined : caches;
}

/** Records `userId` as signed in and drops the data of any other user. */
export async function rememberSignedInUser(userId: string, storage = defaultCaches()): Promise<void> {
  if (!storage) return;
  const keep = dataCacheName(userId);
  const names = await storage.keys();
  await Promise.all(names.filter((n) => n.startsWith(DATA_CACHE_PREFIX) && n !== keep).map((n) => storage.delete(n)));
  const meta = await storage.open(META_CACHE);
  await meta.put(CURRENT_USER_KEY, new Response(userId, { headers: { 'content-type': 'text/plain' } }));
}

/** Forgets who was signed in and deletes every user's cached data (sign-out, an expired session). */
export async function forgetCachedData(storage = defaultCaches()): Promise<void> {
  if (!storage) return;
  const meta = await storage.open(META_CACHE);
  await meta.delete(CURRENT_USER_KEY);
  const names = await storage.keys();
  await Promise.all(names.filter((n) => n.startsWith(DATA_CACHE_PREFIX)).map((n) => storage.delete(n)));
}

/** Keeps the worker's idea of the signed-in user in step with the session; returns the unsubscribe. */
export function followSessionForCache(session: Store<SessionState>, storage = defaultCaches()): () => void {
  let last: string | undefined | null = null;
  const sync = () => {
    const state = session.get();
    if (state.status === 'signed-in' && last !== state.user.id) {
      last = state.user.id;
      void rememberSignedInUser(state.user.id, storage).catch(() => undefined);
    } else if (state.status === 'signed-out' && last !== undefined) {
      last = undefined;
      void forgetCachedData(storage).catch(() => undefined);
    }
  };
  sync();
  return session.subscribe(sync);
}
