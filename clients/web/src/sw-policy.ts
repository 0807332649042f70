/**
 * The service worker's rules (src/sw.ts), without the worker: what is cached, under which name, and
 * whose data a cache holds. Kept apart so they are unit-tested in a page-like environment.
 *
 * - The app shell (index.html, the hashed `/assets/`, the icons, the manifest, theme-init.js) lives in
 *   `parley-shell-<version>`: precached at install, each version's cache dropped once it is active.
 * - What the chats need to show offline (the conversation list, recent messages, the people in them)
 *   is cached network-first in `parley-data-<userId>`, one cache per user. The user is the `sub` of
 *   the access token the server accepted; a response is only stored when that user is the one the
 *   page says is signed in (`parley-meta` → `/__parley/user`, written by src/lib/pwa-cache.ts), and a
 *   fallback only ever comes from the signed-in user's own cache. Sign-out deletes every data cache.
 */

export const SHELL_CACHE_PREFIX = 'parley-shell-';
export const DATA_CACHE_PREFIX = 'parley-data-';
export const META_CACHE = 'parley-meta';
/** the Cache Storage key under which the page records who is signed in */
export const CURRENT_USER_KEY = '/__parley/user';

/** GETs of the API that the chat list and an open chat need; everything else goes to the network only. */
const OFFLINE_API_PREFIXES = ['/api/messaging/conversations', '/api/identity/users/', '/api/identity/contacts'];

/** Files outside `/assets/` that belong to the shell. */
export const SHELL_FILES = [
  '/',
  '/index.html',
  '/manifest.webmanifest',
  '/theme-init.js',
  '/favicon.svg',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  '/icons/icon-maskable-512.png',
];

export function shellCacheName(version: string): string {
  return `${SHELL_CACHE_PREFIX}${version}`;
}

/** The data cache of one user; ids are URL-safe already, anything else is encoded. */
export function dataCacheName(userId: string): string {
  return `${DATA_CACHE_PREFIX}${encodeURIComponent(userId)}`;
}

export type RequestKind = 'navigation' | 'asset' | 'shell-file' | 'api-offline' | 'network';

/** How the worker answers a request (only GETs of its own origin are ever taken from a cache). */
export function classify(request: { method: string; url: string; mode?: string }, origin: string): RequestKind {
  if (request.method !== 'GET') return 'network';
  const url = new URL(request.url);
  if (url.origin !== origin) return 'network';
  if (request.mode === 'navigate')
    return url.pathname.startsWith('/api/') || url.pathname.startsWith('/_dev') ? 'network' : 'navigation';
  if (url.pathname.startsWith('/assets/')) return url.pathname.endsWith('.map') ? 'network' : 'asset';
  if (SHELL_FILES.includes(url.pathname)) return 'shell-file';
  if (OFFLINE_API_PREFIXES.some((prefix) => url.pathname.startsWith(prefix))) return 'api-offline';
  return 'network';
}

/**
 * The user an `Authorization: Bearer <jwt>` header is for (its `sub`), read without checking the
 * signature: it only picks a cache, and only for a response the server itself accepted the token for.
 */
export function userOfAuthorization(header: string | null | undefined): string | undefined {
  const token = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1];
  if (!token) return undefined;
  try {
    const part = token.split('.')[1] ?? '';
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const json = JSON.parse(atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='))) as {
      sub?: unknown;
    };
    return typeof json.sub === 'string' && json.sub !== '' ? json.sub : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a fresh API answer may be stored: a full 200 for the user who is signed in on this page. */
export function mayStore(status: number, tokenUser: string | undefined, signedInUser: string | undefined): boolean {
  return status === 200 && tokenUser !== undefined && tokenUser === signedInUser;
}

/**
 * Whose cache may answer when the network failed: the signed-in user's, and only if the request
 * carries no token of someone else.
 */
export function fallbackUser(tokenUser: string | undefined, signedInUser: string | undefined): string | undefined {
  if (!signedInUser) return undefined;
  if (tokenUser !== undefined && tokenUser !== signedInUser) return undefined;
  return signedInUser;
}

/** The cache key of an API answer: the URL alone (the token is not part of it; the cache is per user). */
export function dataCacheKey(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}
