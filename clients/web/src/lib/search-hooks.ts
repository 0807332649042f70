import { useEffect } from 'react';
import { useParley, useWorkspace } from './hooks.ts';
import { searchApi } from './search-api.ts';
import { type SearchState, SearchStore } from './search-store.ts';
import { useStore } from './store.ts';

/** One search store per signed-in workspace, made on first use and dropped with it. */
const stores = new WeakMap<object, SearchStore>();

/** The sidebar's message search store (the workspace's API client, the user's own results). */
export function useSearchStore(): SearchStore {
  const parley = useParley();
  const workspace = useWorkspace();
  let store = stores.get(workspace.messaging);
  if (!store) {
    store = new SearchStore({ api: searchApi(parley.api) });
    stores.set(workspace.messaging, store);
  }
  const current = store;
  useEffect(() => () => current.dispose(), [current]);
  return store;
}

export function useSearch<S>(store: SearchStore, selector: (s: SearchState) => S): S {
  return useStore(store.state, selector);
}
