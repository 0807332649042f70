import type { ApiClient } from './api-client.ts';
import { useParley, useWorkspace } from './hooks.ts';
import { useStore } from './store.ts';
import { usageApi } from './usage-api.ts';
import { type UsageState, UsageStore } from './usage-store.ts';

// One store per API client and signed-in person: kept while the page is left and reopened, dropped
// with the Parley instance (a new sign-in as someone else gets a store of their own).
const stores = new WeakMap<ApiClient, Map<string, UsageStore>>();

/** The Usage page's store (views under the shell only). */
export function useUsageStore(): UsageStore {
  const { api } = useParley();
  const { me } = useWorkspace();
  let mine = stores.get(api);
  if (!mine) {
    mine = new Map();
    stores.set(api, mine);
  }
  let store = mine.get(me.id);
  if (!store) {
    store = new UsageStore({ api: usageApi(api) });
    mine.set(me.id, store);
  }
  return store;
}

/** A slice of the Usage page's state. */
export function useUsage<S>(selector: (s: UsageState) => S): S {
  return useStore(useUsageStore().state, selector);
}
