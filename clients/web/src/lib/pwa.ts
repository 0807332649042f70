import { createStore, type Store } from './store.ts';

/**
 * The installable app's page side: registers `/sw.js` (production builds only: the Vite dev server
 * has no worker) and notices a new version waiting, for the "Update available — Reload" notice.
 * Reload asks the waiting worker to take over and reloads once it has.
 */
export interface PwaState {
  /** a new version is installed and waiting for this page to let it take over */
  updateReady: boolean;
}

export const pwaState: Store<PwaState> = createStore<PwaState>({ updateReady: false });

let waiting: ServiceWorker | undefined;
/** set by Reload: only then may a change of controller reload the page */
let updateRequested = false;

function watch(registration: ServiceWorkerRegistration, container: ServiceWorkerContainer): void {
  const offer = (worker: ServiceWorker | null | undefined) => {
    // A first install (no controller yet) is not an update.
    if (!worker || !container.controller) return;
    waiting = worker;
    pwaState.set({ updateReady: true });
  };
  offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed') offer(installing);
    });
  });
}

/** Registers the worker; checks for a new version when the tab comes back into view. */
export async function registerServiceWorker(win: Window = window): Promise<ServiceWorkerRegistration | undefined> {
  const container = win.navigator.serviceWorker;
  if (!container) return undefined;
  waiting = undefined;
  updateRequested = false;
  const registration = await container.register('/sw.js', { scope: '/' });
  watch(registration, container);
  let reloading = false;
  container.addEventListener('controllerchange', () => {
    // Only the Reload button makes a waiting worker take over; the first install's claim() changes
    // the controller too, and that one must not reload the page.
    if (!updateRequested || reloading) return;
    reloading = true;
    win.location.reload();
  });
  win.document.addEventListener('visibilitychange', () => {
    if (win.document.visibilityState === 'visible') void registration.update().catch(() => undefined);
  });
  return registration;
}

/** "Reload": the waiting version takes over, then the page reloads (on `controllerchange`). */
export function applyUpdate(): void {
  if (!waiting) return;
  updateRequested = true;
  waiting.postMessage({ type: 'skip-waiting' });
}

/** "Later": hides the notice; the new version still starts with the next visit. */
export function dismissUpdate(): void {
  pwaState.set({ updateReady: false });
}
