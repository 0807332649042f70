/**
 * The browser half of `npm run bench:web`: the time from navigation to a visible chat list in
 * Chromium, cold (a new browser context: empty HTTP cache, no service worker) and warm (a reload of
 * that context once its service worker controls the page), with the bytes that came over the wire.
 */
import { chromiumLaunchOptions } from '@parley/testing/chromium';
import { type Browser, chromium, type Page } from 'playwright-core';

export interface Load {
  /** ms from navigation start to the first animation frame with the awaited element (a conversation row) */
  shownMs: number;
  /** bytes over the network (compressed, headers excluded) for scripts up to then; 0 from the worker's cache */
  scriptBytes: number;
  /** scripts the page had loaded by then */
  scripts: number;
  /** each of them, with its bytes over the network */
  scriptFiles: { name: string; bytes: number }[];
}

export interface Account {
  email: string;
  password: string;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}

/** A fresh refresh token for `who` (each load of a cold context starts signed in, as after a sign-in). */
async function refreshToken(origin: string, who: Account): Promise<string> {
  const res = await fetch(`${origin}/api/identity/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(who),
  });
  if (!res.ok) throw new Error(`login answered ${res.status}`);
  const body = (await res.json()) as { tokens?: { refreshToken?: string }; refreshToken?: string };
  const token = body.tokens?.refreshToken ?? body.refreshToken;
  if (!token) throw new Error('login gave no refresh token');
  return token;
}

// Run in the page. Passed as functions, not source text: the CSP (script-src 'self') forbids eval
// (init scripts, below, are exempt).
// This package's TypeScript has no DOM library, so the page's globals are typed here as used.
interface PageGlobals {
  __benchShownAt?: number;
  document: { querySelector(selector: string): unknown };
  performance: {
    now(): number;
    getEntriesByType(
      type: string,
    ): { name: string; initiatorType: string; transferSize: number; encodedBodySize: number }[];
  };
  navigator: {
    serviceWorker: {
      ready: Promise<unknown>;
      controller: unknown;
      addEventListener(type: string, fn: () => void, options: { once: boolean }): void;
    };
  };
}
/**
 * An init script (it runs before any of the page's own scripts, in every document of the context):
 * from the first animation frame on, it checks each frame for `selector` and records
 * `performance.now()` (ms since navigation start) at the first frame that has it. Source text, not a
 * function: tsx wraps named inner functions in a `__name` helper the page does not have (an init
 * script is not subject to the page's CSP).
 */
const recordWhenShown = (selector: string) => `(() => {
  const selector = ${JSON.stringify(selector)};
  requestAnimationFrame(function check() {
    if (document.querySelector(selector)) window.__benchShownAt = performance.now();
    else requestAnimationFrame(check);
  });
})();`;
const shownAt = () => (globalThis as unknown as PageGlobals).__benchShownAt ?? 0;
const scriptBytes = () => {
  const g = globalThis as unknown as PageGlobals;
  const scripts = g.performance
    .getEntriesByType('resource')
    .filter((e) => e.initiatorType === 'script' || e.name.endsWith('.js'));
  return {
    bytes: scripts.reduce((n, e) => n + (e.transferSize > 0 ? e.encodedBodySize : 0), 0),
    count: scripts.length,
    files: scripts.map((e) => ({ name: e.name, bytes: e.transferSize > 0 ? e.encodedBodySize : 0 })),
  };
};
const workerInControl = async () => {
  const { serviceWorker } = (globalThis as unknown as PageGlobals).navigator;
  await serviceWorker.ready;
  if (!serviceWorker.controller)
    await new Promise<void>((resolve) => serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
};

/** Navigates (not waiting for `load`), then waits until the init script has seen the selector. */
async function measure(page: Page, load: () => Promise<unknown>): Promise<Load> {
  await load();
  const seen = await page.waitForFunction(shownAt, undefined, { polling: 100, timeout: 60_000 });
  const shownMs = (await seen.jsonValue()) as number;
  const wire = await page.evaluate(scriptBytes);
  return { shownMs, scriptBytes: wire.bytes, scripts: wire.count, scriptFiles: wire.files };
}

/** The floor's page, written into the served dist/ for the run: no script, no style, one word. */
export const FLOOR_PAGE = 'bench-floor.html';
export const FLOOR_HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title></head><body><p>floor</p></body></html>\n';

/**
 * The floor, measured like the chat list: an empty page from the same origin (same server, headers
 * and compression), cold in a new context and warm as a reload from the HTTP cache. The figure is the
 * first animation frame with its paragraph: what navigation, one HTML response and a frame cost here.
 */
export async function floorColdAndWarm(browser: Browser, origin: string): Promise<{ cold: Load; warm: Load }> {
  const context = await browser.newContext({
    baseURL: origin,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
  });
  try {
    await context.addInitScript(recordWhenShown('body p'));
    const page = await context.newPage();
    const cold = await measure(page, () => page.goto(`/${FLOOR_PAGE}`, { waitUntil: 'commit' }));
    const warm = await measure(page, () => page.reload({ waitUntil: 'commit' }));
    return { cold, warm };
  } finally {
    await context.close();
  }
}

/** One cold load and one warm reload in a new context, signed in as `who`. */
export async function coldAndWarm(browser: Browser, origin: string, who: Account): Promise<{ cold: Load; warm: Load }> {
  const token = await refreshToken(origin, who);
  const context = await browser.newContext({
    baseURL: origin,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
  });
  try {
    await context.addInitScript(
      `if (!localStorage.getItem('parley.refreshToken')) localStorage.setItem('parley.refreshToken', ${JSON.stringify(token)});`,
    );
    await context.addInitScript(recordWhenShown('[data-testid="conversation-row"]'));
    const page = await context.newPage();
    const cold = await measure(page, () => page.goto('/', { waitUntil: 'commit' }));
    // the worker installs (precaching the shell) and takes the page over before the warm load
    await page.evaluate(workerInControl);
    const warm = await measure(page, () => page.reload({ waitUntil: 'commit' }));
    return { cold, warm };
  } finally {
    await context.close();
  }
}
