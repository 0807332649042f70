/**
 * Helpers for the web client's end-to-end tests: Debian Chromium driven by playwright-core (no
 * browser download), fresh users, axe-core checks and screenshots.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '@parley/testing/chromium';
import { type Browser, type BrowserContext, chromium, type Page, type Route } from 'playwright-core';

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;
/** docs/screenshots at the repository root (the README links them) */
export const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots');
/** how long to wait for something the backend does (offline Lambdas on a busy 2-core machine are slow) */
export const SLOW = 45_000;

/** Chromium; `extraArgs` adds flags (the calls test's fake camera and microphone). */
export async function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions(extraArgs));
}

export async function newPage(
  browser: Browser,
  baseURL: string,
  viewport = DESKTOP,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'en-US', timezoneId: 'America/Panama' });
  context.setDefaultTimeout(SLOW);
  const page = await context.newPage();
  return { context, page };
}

/**
 * A page whose RTCPeerConnections the test can read (`window.__peers`, for `getStats()`), with the
 * microphone and camera allowed (the fake devices of `launch`'s flags).
 */
export async function mediaPage(browser: Browser, baseURL: string, viewport = DESKTOP): Promise<Page> {
  const { context, page } = await newPage(browser, baseURL, viewport);
  await context.grantPermissions(['microphone', 'camera'], { origin: baseURL });
  await context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const peers: RTCPeerConnection[] = [];
    (window as unknown as { __peers: RTCPeerConnection[] }).__peers = peers;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        peers.push(this);
      }
    } as typeof RTCPeerConnection;
  });
  return page;
}

export interface Person {
  name: string;
  email: string;
  password: string;
}

/** A fresh person (unique email per run). */
export function person(first: string): Person {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return {
    name: `${first} ${tag.slice(-4).toUpperCase()}`,
    email: `${first.toLowerCase()}.${tag}@example.com`,
    password: 'a calm long passphrase',
  };
}

export async function signUp(page: Page, who: Person): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByLabel('Your name').fill(who.name);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.locator('form').getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Chats', level: 1 }).waitFor();
}

export async function signIn(page: Page, who: Person): Promise<void> {
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.locator('form').getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Chats', level: 1 }).waitFor();
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.1 A/AA violations on the page as it is now ("id: target" strings; empty when clean). */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // Colours measured halfway through a hover or fade are no screen's colours: let every finite
    // transition and animation end first (spinners and other endless ones run on).
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
  return violations;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/**
 * The same screen at phone size, `<name>-phone.png`: the page is resized to PHONE (the layout
 * follows, as when a phone is turned), `ready` waits for what must be on screen, two frames pass,
 * the shot is taken, and the page is back at desktop size for the steps that follow.
 */
export async function phoneScreenshot(page: Page, name: string, ready?: () => Promise<unknown>): Promise<void> {
  await page.setViewportSize(PHONE);
  try {
    await ready?.();
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await screenshot(page, `${name}-phone`);
  } finally {
    await page.setViewportSize(DESKTOP);
  }
}

/** The texts of the messages shown in the open conversation, top to bottom. */
export async function messageTexts(page: Page): Promise<string[]> {
  return page.getByTestId('message-text').allInnerTexts();
}

/**
 * A slow network, on cue: the page's next `method` request to a path ending in `pathEnd` gets no
 * answer until `release()` (the request itself reaches the server only then). Later ones pass.
 */
export async function holdNextRequest(page: Page, method: string, pathEnd: string): Promise<{ release: () => void }> {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let held = false;
  await page.route(
    (url) => url.pathname.endsWith(pathEnd),
    async (route: Route) => {
      if (held || route.request().method() !== method) return route.fallback();
      held = true;
      await gate;
      return route.fallback();
    },
  );
  return { release };
}
