/**
 * The browser half of `npm run bench:web`: the time from navigation to a visible chat list in
 * Chromium, cold (a new browser context: empty HTTP cache, no service worker) and warm (a reload of
 * that context once its service worker controls the page), with the bytes that came over the wire.
 */
import { type Browser, chromium, type Page } from 'playwright-core';

export interface Load {
  /** ms from navigation start until a conversation row is on screen */
  chatListMs: number;
  /** bytes over the network (compressed, headers excluded) for scripts up to then; 0 from the worker's cache */
  scriptBytes: number;
  /** scripts the page had loaded by then */
  scripts: number;
}

export interface Account {
  email: string;
  password: string;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
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

// Run in the page. Passed as functions, not source text: the CSP (script-src 'self') forbids eval.
// This package's TypeScript has no DOM library, so the page's globals are typed here as used.
interface PageGlobals {
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
const chatListShown = () => {
  const g = globalThis as unknown as PageGlobals;
  return g.document.querySelector('[data-testid="conversation-row"]') ? g.performance.now() : 0;
};
const scriptBytes = () => {
  const g = globalThis as unknown as PageGlobals;
  const scripts = g.performance
    .getEntriesByType('resource')
    .filter((e) => e.initiatorType === 'script' || e.name.endsWith('.js'));
  return {
    bytes: scripts.reduce((n, e) => n + (e.transferSize > 0 ? e.encodedBodySize : 0), 0),
    count: scripts.length,
  };
};
const workerInControl = async () => {
  const { serviceWorker } = (globalThis as unknown as PageGlobals).navigator;
  await serviceWorker.ready;
  if (!serviceWorker.controller)
    await new Promise<void>((resolve) => serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
};

async function measure(page: Page, load: () => Promise<unknown>): Promise<Load> {
  await load();
  const seen = await page.waitForFunction(chatListShown, undefined, { polling: 'raf', timeout: 60_000 });
  const chatListMs = (await seen.jsonValue()) as number;
  const wire = await page.evaluate(scriptBytes);
  return { chatListMs, scriptBytes: wire.bytes, scripts: wire.count };
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
    const page = await context.newPage();
    const cold = await measure(page, () => page.goto('/'));
    // the worker installs (precaching the shell) and takes the page over before the warm load
    await page.evaluate(workerInControl);
    const warm = await measure(page, () => page.reload());
    return { cold, warm };
  } finally {
    await context.close();
  }
}
