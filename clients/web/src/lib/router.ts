import { createStore, useStore } from './store.ts';

/** Hash routes (they work behind any static server, devstack's included). */
export type Route =
  /** `seq`: a message to bring into view and highlight (a replied-to message, a search hit) */
  | { view: 'chats'; conversationId?: string; seq?: number }
  | { view: 'people' }
  | { view: 'calls' }
  | { view: 'settings' }
  | { view: 'admin' }
  /** my usage and what it cost; the organisation's for an admin (ADR 0021) */
  | { view: 'usage' }
  /** a mailed link (ADR 0020): choose a new password, or confirm my email, with the link's token */
  | { view: 'reset'; token: string }
  | { view: 'verify'; token: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const chat = /^\/c\/([^/]+)(?:\/m\/(\d+))?$/.exec(path);
  if (chat?.[1]) {
    const seq = chat[2] ? Number(chat[2]) : undefined;
    return { view: 'chats', conversationId: decodeURIComponent(chat[1]), ...(seq ? { seq } : {}) };
  }
  if (path === '/people') return { view: 'people' };
  if (path === '/calls') return { view: 'calls' };
  if (path === '/settings') return { view: 'settings' };
  if (path === '/admin') return { view: 'admin' };
  if (path === '/usage') return { view: 'usage' };
  const link = /^\/(reset|verify)\?(.*)$/.exec(path);
  if (link?.[1]) {
    const token = new URLSearchParams(link[2]).get('token') ?? '';
    return link[1] === 'reset' ? { view: 'reset', token } : { view: 'verify', token };
  }
  return { view: 'chats' };
}

export function routePath(route: Route): string {
  if (route.view === 'chats') {
    if (!route.conversationId) return '#/';
    const chat = `#/c/${encodeURIComponent(route.conversationId)}`;
    return route.seq ? `${chat}/m/${route.seq}` : chat;
  }
  if (route.view === 'reset' || route.view === 'verify')
    return `#/${route.view}?token=${encodeURIComponent(route.token)}`;
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
