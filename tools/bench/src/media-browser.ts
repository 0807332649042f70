/**
 * Browser plumbing for `bench:calling --media`: Debian Chromium through playwright-core with fake
 * camera and microphone (the flags of clients/web/e2e/support.ts `launch()` and the calls e2e
 * test), web client pages with media-probe.js installed, and the floor's page on a blank local origin.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromiumLaunchOptions } from '@parley/testing/chromium';
import { type Browser, chromium, type Page } from 'playwright-core';

const PROBE = join(import.meta.dirname, 'media-probe.js');
/** how long to wait for something the backend does (offline Lambdas on a busy 2-core machine are slow) */
export const SLOW = 45_000;

/**
 * What media-probe.js puts on `window` (typed here: the root tsconfig has no DOM library). Page
 * callbacks are sent as source, so each one reads `(globalThis as unknown as Probe).__bench` itself.
 */
export interface Probe {
  __bench: {
    lastClickAt(): number;
    reset(): void;
    inboundAudioAt(timeoutMs: number): Promise<number>;
    floor(timeoutMs: number): Promise<{ startedAt: number; mediaAt: number }>;
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch(
    chromiumLaunchOptions([
      // Chromium's fake camera and microphone (a beep), allowed without a prompt, over loopback
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--allow-loopback-in-peer-connection',
      '--autoplay-policy=no-user-gesture-required',
    ]),
  );
}

/** A page of its own (own context: own storage, as another person's browser) with the probe installed. */
export async function probedPage(browser: Browser, origin: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL: origin,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
  });
  context.setDefaultTimeout(SLOW);
  await context.grantPermissions(['microphone', 'camera'], { origin });
  await context.addInitScript({ path: PROBE });
  return context.newPage();
}

export interface Person {
  name: string;
  email: string;
  password: string;
}

export function newPerson(first: string, tag: string, n: number): Person {
  return {
    name: `${first} ${tag.toUpperCase()}${n}`,
    email: `bench-media-${first.toLowerCase()}-${tag}-${n}@parley.test`,
    password: 'a calm long passphrase',
  };
}

/** Signs up through the web client's own form, as a person would. */
export async function signUp(page: Page, who: Person): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByLabel('Your name').fill(who.name);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.locator('form').getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Chats', level: 1 }).waitFor();
}

/**
 * A blank page on its own loopback origin (a secure context, so getUserMedia works), for the
 * floor: no server is involved once it has loaded.
 */
export async function floorPage(browser: Browser): Promise<{ page: Page; close: () => Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><html lang="en"><title>media floor</title><body></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const page = await probedPage(browser, origin);
  await page.goto('/');
  return {
    page,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
