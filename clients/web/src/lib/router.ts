import { createStore, useStore } from './store.ts';

/** Hash routes (they work behind any static server, devstack's included). */
export type Route =
  | { view: 'chats'; conversationId?: string }
  | { view: 'people' }
  | { view: 'calls' }
  | { view: 'settings' }
  | { view: 'admin' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const chat = /^\/c\/([^/]+)$/.exec(path);
  if (chat?.[1]) return { view: 'chats', conversationId: decodeURIComponent(chat[1]) };
  if (path === '/people') return { view: 'people' };
  if (path === '/calls') return { view: 'calls' };
  if (path === '/settings') return { view: 'settings' };
  if (path === '/admin') return { view: 'admin' };
  return { view: 'chats' };
}

export function routePath(route: Route): string {
  if (route.view === 'chats') return route.conversationId ? `#/c/${encodeURIComponent(route.conversationId)}` : '#/';
  return `#/${route.view}`;
}

const routeStore = createStore<Route>(parseRoute(globalThis.location?.hash ?? ''));
globalThis.addEventListener?.('hashchange', () => routeStore.set(parseRoute(globalThis.location.hash)));

export function navigate(route: Route): void {
  const path = routePath(route);
  if (globalThis.location.hash !== path) globalThis.location.hash = path;
  routeStore.set(parseRoute(path));
}

export function useRoute(): Route {
  return useStore(routeStore);
}
