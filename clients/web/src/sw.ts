/**
 * Parley's service worker (built to `/sw.js` by vite.config.ts, which fills in the version and the
 * list of the build's files). It makes the app installable and lets a reload while offline still
 * show the chats: the shell from `parley-shell-<version>`, and the API answers the chat list needs
 * network-first from the signed-in user's own `parley-data-<userId>` cache (rules: src/sw-policy.ts).
 *
 * A new version installs beside the running one and waits; the page shows "Update available —
 * Reload" (src/lib/pwa.ts), whose button sends `skip-waiting`, and reloads when this worker takes over.
 */
import {
  CURRENT_USER_KEY,
  classify,
  dataCacheKey,
  dataCacheName,
  fallbackUser,
  META_CACHE,
  mayStore,
  SHELL_CACHE_PREFIX,
  SHELL_FILES,
  shellCacheName,
  userOfAuthorization,
} from './sw-policy.ts';

// The worker's own event types (the web client's tsconfig has the DOM library, not WebWorker's).
interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  request: Request;
  respondWith(response: Promise<Response> | Response): void;
}
interface MessageEventLike extends ExtendableEventLike {
  data: unknown;
}
interface WorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
  addEventListener(type: 'message', listener: (event: MessageEventLike) => void): void;
}

/** Filled in at build time (vite.config.ts `define`): a hash of the build, and its hashed files. */
declare const __PARLEY_SW_BUILD__: string;
const BUILD = JSON.parse(__PARLEY_SW_BUILD__) as { version: string; assets: string[] };

const scope = self as unknown as WorkerScope;
const SHELL = shellCacheName(BUILD.version);

scope.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(SHELL).then((cache) => cache.addAll([...SHELL_FILES.filter((f) => f !== '/'), ...BUILD.assets])),
  );
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(SHELL_CACHE_PREFIX) && name !== SHELL)
          .map((name) => caches.delete(name)),
      );
      await scope.clients.claim();
    })(),
  );
});

scope.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'skip-waiting') void scope.skipWaiting();
});

scope.addEventListener('fetch', (event) => {
  const kind = classify(event.request, scope.location.origin);
  if (kind === 'navigation') event.respondWith(navigation(event.request));
  else if (kind === 'asset' || kind === 'shell-file') event.respondWith(cacheFirst(event.request));
  else if (kind === 'api-offline') event.respondWith(networkFirstForUser(event.request));
});

/** Pages: the network (a new index.html names the new assets), else the cached shell. */
async function navigation(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await caches.match('/index.html', { cacheName: SHELL });
    if (cached) return cached;
    throw error;
  }
}

/** Hashed assets never change; the few unhashed shell files are refreshed with each version. */
async function cacheFirst(request: Request): Promise<Response> {
  const cached = await caches.match(request, { cacheName: SHELL });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    void caches.open(SHELL).then((cache) => cache.put(request, copy));
  }
  return response;
}

async function signedInUser(): Promise<string | undefined> {
  const meta = await caches.open(META_CACHE);
  const hit = await meta.match(CURRENT_USER_KEY);
  const id = hit ? (await hit.text()).trim() : '';
  return id || undefined;
}

/** The API answers the chat list needs: the network first, the signed-in user's own copy when it fails. */
async function networkFirstForUser(request: Request): Promise<Response> {
  const tokenUser = userOfAuthorization(request.headers.get('authorization'));
  const key = dataCacheKey(request.url);
  try {
    const response = await fetch(request);
    const user = await signedInUser();
    if (tokenUser && mayStore(response.status, tokenUser, user)) {
      const copy = response.clone();
      const cache = await caches.open(dataCacheName(tokenUser));
      await cache.put(key, copy);
    }
    return response;
  } catch (error) {
    const owner = fallbackUser(tokenUser, await signedInUser());
    if (owner && (await caches.has(dataCacheName(owner)))) {
      const cached = await (await caches.open(dataCacheName(owner))).match(key);
      if (cached) return cached;
    }
    throw error;
  }
}
