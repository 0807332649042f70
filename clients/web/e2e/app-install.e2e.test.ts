import type {} from '@parley/testing/devstack-info';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildWebIfStale } from '../build-if-stale.ts';
import { axeViolations, DESKTOP, launch, PHONE, person, SLOW, screenshot, signUp } from './support.ts';

const { url } = inject('devstack');
const poll = { timeout: SLOW, interval: 250 };

/** A context like support.ts's newPage, with the colour scheme the "system" reports. */
async function pageWith(
  browser: Browser,
  colorScheme: 'light' | 'dark',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: url,
    viewport: DESKTOP,
    locale: 'en-US',
    timezoneId: 'America/Panama',
    colorScheme,
  });
  context.setDefaultTimeout(SLOW);
  return { context, page: await context.newPage() };
}

/** The message `text` in the open chat (the list's row shows it too, hidden on a phone). */
const message = (page: Page, text: string) => page.getByTestId('message-text').filter({ hasText: text }).first();
const isDark = (page: Page) => page.evaluate(() => document.documentElement.classList.contains('dark'));
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

/** Dark mode, the installable app and the offline reload, in Chromium against devstack. */
describe('the web client as an installable app, in dark', () => {
  let browser: Browser;
  const ada = person('Ada');
  const bob = person('Bob');
  let adaContext: BrowserContext;
  let a: Page;
  let b: Page;
  const hello = `Offline tea at four? ${Date.now()}`;

  beforeAll(async () => {
    await buildWebIfStale();
    browser = await launch();
    ({ context: adaContext, page: a } = await pageWith(browser, 'dark'));
    ({ page: b } = await pageWith(browser, 'light'));
    await signUp(a, ada);
    await signUp(b, bob);
    // Ada writes to Bob, so both have a conversation in their list
    await a.getByTestId('nav-people').click();
    await a.getByTestId('directory-search').fill(bob.name);
    await a.getByRole('button', { name: `Message: ${bob.name}` }).click();
    await a.getByTestId('composer').fill(hello);
    await a.getByTestId('composer').press('Enter');
    await message(a, hello).waitFor();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('given a system in dark, then the app is dark from the first paint, readable (axe) on the chat', async () => {
    // theme-init.js runs before the first paint: the class is there before the app's script
    await a.goto('/', { waitUntil: 'commit' });
    await a.waitForFunction(() => document.documentElement.dataset.theme !== undefined);
    expect(await isDark(a)).toBe(true);
    await a.getByTestId('conversation-row').first().click();
    await message(a, hello).waitFor();

    expect(await background(a)).toBe('rgb(11, 18, 32)');
    expect(await axeViolations(a)).toEqual([]);
    await screenshot(a, 'chat-dark-desktop');

    await a.setViewportSize(PHONE);
    try {
      await message(a, hello).waitFor();
      expect(await axeViolations(a)).toEqual([]);
      await screenshot(a, 'chat-dark-phone');
    } finally {
      await a.setViewportSize(DESKTOP);
    }
  });

  it('given a light system, then Settings → Dark makes it dark, kept across a reload; System follows the system again', async () => {
    expect(await isDark(b)).toBe(false);
    await b.getByTestId('nav-settings').click();
    await b.getByTestId('theme-choice').getByText('Dark', { exact: true }).click();
    expect(await isDark(b)).toBe(true);
    expect(await axeViolations(b)).toEqual([]);

    await b.reload({ waitUntil: 'commit' });
    await b.waitForFunction(() => document.documentElement.dataset.theme !== undefined);
    expect(await isDark(b)).toBe(true);

    await b.getByTestId('theme-choice').getByText('System', { exact: true }).click();
    expect(await isDark(b)).toBe(false);
    expect(await background(b)).toBe('rgb(255, 255, 255)');
  });

  it('given the manifest, then it is valid and Chromium finds the app installable', async () => {
    const manifest = (await (await a.request.get('/manifest.webmanifest')).json()) as {
      name: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string; purpose?: string; type: string }[];
    };
    expect([manifest.name, manifest.start_url, manifest.display]).toEqual(['Parley', '/', 'standalone']);
    for (const icon of manifest.icons.filter((i) => i.type === 'image/png')) {
      const res = await a.request.get(icon.src);
      const png = await res.body();
      // the PNG's own width and height (IHDR) are the ones the manifest declares
      expect([res.status(), `${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`]).toEqual([200, icon.sizes]);
    }
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);

    await a.goto('/');
    await a.getByRole('heading', { name: 'Chats', level: 1 }).waitFor();
    const cdp = await adaContext.newCDPSession(a);
    const parsed = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; url: string };
    expect([parsed.url, parsed.errors]).toEqual([`${url}/manifest.webmanifest`, []]);
    await expect
      .poll(async () => {
        const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
          installabilityErrors: { errorId: string }[];
        };
        // a Playwright context is an incognito profile, where Chromium never offers to install
        return installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito');
      }, poll)
      .toEqual([]);
  });

  it('given the service worker active, then a reload while offline still shows the chat list and the chat', {
    timeout: 180_000,
  }, async () => {
    // The worker activates and takes the page over
    const state = await a.evaluate(async () => (await navigator.serviceWorker.ready).active?.state);
    expect(state).toBe('activated');
    await a.waitForFunction(() => navigator.serviceWorker.controller !== null);
    // A visit with the worker in place caches the list and the chat's messages
    await a.reload();
    await a.getByTestId('conversation-row').first().click();
    await message(a, hello).waitFor();

    await adaContext.setOffline(true);
    try {
      await a.goto('/');

      await a.getByRole('heading', { name: 'Chats', level: 1 }).waitFor();
      await a.getByTestId('connection-banner').waitFor();
      const row = a.getByTestId('conversation-row').first();
      await expect.poll(() => row.textContent(), poll).toContain(bob.name);
      await row.click();
      await message(a, hello).waitFor();
      // the answer came from the worker's cache: the network is gone for the worker too
      const status = await a.evaluate(() => fetch('/api/messaging/conversations').then((r) => r.status));
      expect(status).toBe(200);
      await expect(a.evaluate(() => fetch('/api/identity/sessions'))).rejects.toThrow();
    } finally {
      await adaContext.setOffline(false);
    }
  });

  it("given a sign-out, then the worker's cached chats are gone", async () => {
    await a.goto('/');
    await a.getByTestId('nav-settings').click();
    await a.getByTestId('sign-out').click();
    await a.getByRole('button', { name: 'Create account' }).waitFor();

    await expect
      .poll(() => a.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('parley-data-'))), poll)
      .toEqual([]);
    expect(await a.evaluate(async () => (await caches.keys()).some((n) => n.startsWith('parley-shell-')))).toBe(true);
  });
});
