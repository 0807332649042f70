import { describe, expect, it } from 'vitest';
import { CURRENT_USER_KEY, dataCacheName, META_CACHE } from '../sw-policy.ts';
import { type CacheStorageLike, followSessionForCache } from './pwa-cache.ts';
import type { SessionState } from './session-store.ts';
import { createStore } from './store.ts';

/** Cache Storage in memory (jsdom has none): named caches of request keys → response bodies. */
function memoryCaches() {
  const stores = new Map<string, Map<string, string>>();
  const storage: CacheStorageLike = {
    async open(name) {
      let entries = stores.get(name);
      if (!entries) {
        entries = new Map();
        stores.set(name, entries);
      }
      const map = entries;
      return {
        async put(key, response) {
          map.set(String(key), await response.text());
        },
        async delete(key) {
          return map.delete(String(key));
        },
      };
    },
    keys: async () => [...stores.keys()],
    delete: async (name) => stores.delete(name),
  };
  return { storage, stores };
}

const ada = { id: 'user-ada', displayName: 'Ada', roles: [] };
const bob = { id: 'user-bob', displayName: 'Bob', roles: [] };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the offline copy follows who is signed in', () => {
  it("given Ada signs in, then the worker is told it is Ada; when Bob signs in, Ada's data goes", async () => {
    const { storage, stores } = memoryCaches();
    const session = createStore<SessionState>({ status: 'loading' });
    followSessionForCache(session, storage);
    (await storage.open(dataCacheName(ada.id))).put('/api/messaging/conversations', new Response('[ada]'));

    session.set({ status: 'signed-in', user: ada });
    await settle();
    expect(stores.get(META_CACHE)?.get(CURRENT_USER_KEY)).toBe(ada.id);
    expect(stores.has(dataCacheName(ada.id))).toBe(true);

    session.set({ status: 'signed-in', user: bob });
    await settle();
    expect(stores.get(META_CACHE)?.get(CURRENT_USER_KEY)).toBe(bob.id);
    expect(stores.has(dataCacheName(ada.id))).toBe(false);
  });

  it('given a sign-out, then no user is named and every data cache is deleted', async () => {
    const { storage, stores } = memoryCaches();
    const session = createStore<SessionState>({ status: 'signed-in', user: ada });
    followSessionForCache(session, storage);
    await settle();
    (await storage.open(dataCacheName(ada.id))).put('/api/messaging/conversations', new Response('[ada]'));
    (await storage.open('parley-shell-v1')).put('/index.html', new Response('<html>'));

    session.set({ status: 'signed-out' });
    await settle();

    expect(stores.get(META_CACHE)?.has(CURRENT_USER_KEY)).toBe(false);
    expect([...stores.keys()].filter((n) => n.startsWith('parley-data-'))).toEqual([]);
    // the shell stays: it holds nobody's data
    expect(stores.has('parley-shell-v1')).toBe(true);
  });
});
