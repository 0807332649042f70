import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type {} from '@parley/testing/devstack-info';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildWebIfStale } from '../build-if-stale.ts';
import { axeViolations, DESKTOP, launch, PHONE, person, phoneScreenshot, SLOW, screenshot, signUp } from './support.ts';

const { url } = inject('devstack');
const poll = { timeout: SLOW, interval: 250 };

/** A finger resting on `selector`'s middle for `ms` (Chromium's touch input, so the page gets touch pointer events). */
async function longPress(page: Page, context: BrowserContext, target: ReturnType<Page['locator']>, ms = 800) {
  const box = await target.boundingBox();
  if (!box) throw new Error('nothing to press');
  const point = { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
  const cdp = await context.newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
  await page.waitForTimeout(ms);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

/** Where the first image's box is, whether its picture has loaded, and where the message below it sits. */
function measureFirstImage(page: Page) {
  return page.evaluate(() => {
    const box = document.querySelector('[aria-label="Open first.png"] [data-testid="attachment-box"]');
    const below = document.querySelector('[aria-label="Open second.png"]')?.closest('[data-testid="message"]');
    if (!box || !below) return undefined;
    const img = box.querySelector('img');
    // the message list's scroller: positions in its content do not change when it scrolls
    let scroller = below.parentElement;
    while (scroller && !/(auto|scroll)/.test(getComputedStyle(scroller).overflowY)) scroller = scroller.parentElement;
    const contentTop = scroller ? scroller.getBoundingClientRect().top - scroller.scrollTop : 0;
    return {
      hasImage: img !== null,
      loaded: Boolean(img?.complete && img.naturalWidth > 0),
      height: box.getBoundingClientRect().height,
      belowTop: below.getBoundingClientRect().top - contentTop,
    };
  });
}

/**
 * axe-core from the page's own origin: the client is served with `script-src 'self'`, which refuses
 * the inline script `axeViolations` would add (it skips adding one when axe is already there).
 */
async function injectAxe(page: Page): Promise<void> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.route('**/__e2e/axe.min.js', (route) => route.fulfill({ contentType: 'text/javascript', body: source }));
  await page.addScriptTag({ url: '/__e2e/axe.min.js' });
}

describe('message rendering against devstack', () => {
  let browser: Browser;
  const ada = person('Ada');
  const bob = person('Bob');
  let a: Page;
  let aContext: BrowserContext;
  let b: Page;
  let bContext: BrowserContext;

  /** A browser context like `newPage`'s, with a touch screen when `touch`. */
  async function open(viewport: typeof DESKTOP | typeof PHONE, touch = false) {
    const context = await browser.newContext({
      baseURL: url,
      viewport,
      hasTouch: touch,
      isMobile: touch,
      locale: 'en-US',
      timezoneId: 'America/Panama',
    });
    context.setDefaultTimeout(SLOW);
    return { context, page: await context.newPage() };
  }

  beforeAll(async () => {
    await buildWebIfStale();
    browser = await launch();
    ({ page: a, context: aContext } = await open(DESKTOP));
    // Bob is on a phone: a touch screen at phone size
    ({ page: b, context: bContext } = await open(PHONE, true));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('renders a link safely, and it opens in a new tab without the opener', { timeout: 240_000 }, async () => {
    // Given Ada and Bob, and Ada in a chat with Bob
    await signUp(a, ada);
    await signUp(b, bob);
    await a.getByTestId('nav-people').click();
    await a.getByTestId('directory-search').fill(bob.name);
    await a.getByRole('button', { name: `Message: ${bob.name}` }).click();
    await expect.poll(() => a.getByTestId('chat-title').textContent(), poll).toBe(bob.name);

    // When Ada writes a link, a javascript: URL and some marks
    const target = `${url}/#/people`;
    await a.getByTestId('composer').fill(`*Plan*: see ${target} — not javascript:alert(1) — \`npm start\``);
    await a.getByTestId('composer').press('Enter');

    // Then the link is a link with the safe attributes, the javascript: URL stays text, the marks are elements
    const message = a.getByTestId('message').filter({ hasText: 'Plan' });
    const link = message.getByRole('link', { name: target });
    await link.waitFor();
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await message.getByRole('link').count()).toBe(1);
    expect(await message.locator('strong').textContent()).toBe('Plan');
    expect(await message.locator('code').textContent()).toBe('npm start');

    // When she opens it, then a new tab shows Parley's people screen, with no way back to her page
    const [tab] = await Promise.all([aContext.waitForEvent('page'), link.click()]);
    await tab.waitForLoadState('domcontentloaded');
    expect(tab.url()).toBe(target);
    expect(await tab.evaluate(() => window.opener)).toBeNull();
    await tab.close();
  });

  it('opens an image in the viewer and steps to the next with the keyboard', { timeout: 240_000 }, async () => {
    // When Ada sends two images (PNGs made on the spot)
    for (const [name, clip] of [
      ['first.png', { x: 0, y: 0, width: 320, height: 200 }],
      ['second.png', { x: 300, y: 100, width: 200, height: 300 }],
    ] as const) {
      const png = await a.screenshot({ clip });
      await a.getByTestId('file-input').setInputFiles({ name, mimeType: 'image/png', buffer: png });
      await expect.poll(() => a.getByRole('button', { name: 'Send', exact: true }).isEnabled(), poll).toBe(true);
      await a.getByRole('button', { name: 'Send', exact: true }).click();
      await a.getByRole('button', { name: `Open ${name}` }).waitFor();
    }
    const opener = a.getByRole('button', { name: 'Open first.png' });
    await expect.poll(() => opener.isEnabled(), poll).toBe(true);

    // And opens the first
    await opener.click();

    // Then the viewer shows it, loaded from storage
    const viewer = a.getByTestId('lightbox');
    await viewer.getByText('Image 1 of 2: first.png').waitFor();
    const shown = viewer.getByTestId('lightbox-image');
    await expect
      .poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), poll)
      .toBe(320);
    await injectAxe(a);
    expect(await axeViolations(a)).toEqual([]);
    await screenshot(a, 'image-viewer-desktop');
    await phoneScreenshot(a, 'image-viewer', () => viewer.getByText('Image 1 of 2: first.png').waitFor());

    // When she presses →, the second shows; Esc closes and focus is back on the first image
    await a.keyboard.press('ArrowRight');
    await viewer.getByText('Image 2 of 2: second.png').waitFor();
    await expect
      .poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), poll)
      .toBe(200);
    await a.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
    await expect
      .poll(
        () => a.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName),
        {
          timeout: 5_000,
        },
      )
      .toBe('Open first.png');

    // When the page loads again on a slow link: every picture from storage answers only after a second
    const delayed: string[] = [];
    const slowPictures = async (route: Route) => {
      const request = route.request();
      if (request.resourceType() !== 'image' || !new URL(request.url()).searchParams.has('X-Amz-Signature'))
        return route.fallback();
      delayed.push(request.url());
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      return route.fallback();
    };
    await a.route('**/*', slowPictures);
    await a.reload();
    // (attached, not visible: a box without a height of its own would not be visible until its picture loaded)
    await a.getByRole('button', { name: 'Open second.png' }).waitFor({ state: 'attached' });

    // Then while the first picture is on its way its box already has its final height (4:3 of the bubble's width)
    let before: Awaited<ReturnType<typeof measureFirstImage>>;
    for (const started = Date.now(); Date.now() - started < SLOW; await a.waitForTimeout(20)) {
      before = await measureFirstImage(a);
      if (before?.hasImage) break;
    }
    expect(before).toMatchObject({ hasImage: true, loaded: false });
    await expect.poll(async () => (await measureFirstImage(a))?.loaded, poll).toBe(true);
    const after = await measureFirstImage(a);
    expect(delayed.length).toBeGreaterThan(0);
    // and once it has loaded, the box is as tall as before and the message below has not moved
    expect(Math.abs((after?.height ?? 0) - (before?.height ?? 0))).toBeLessThanOrEqual(1);
    expect(Math.abs((after?.belowTop ?? 0) - (before?.belowTop ?? 0))).toBeLessThanOrEqual(1);
    expect(before?.height).toBeGreaterThan(100);
    await a.unroute('**/*', slowPictures);

    // When she sends a long message, a few emoji alone, and italic with a list and a code block
    const send = async (
      text: string,
      match: string,
      shows: (m: ReturnType<Page['locator']>) => ReturnType<Page['locator']>,
    ) => {
      await a.getByTestId('composer').fill(text);
      await a.getByTestId('composer').press('Enter');
      const sent = a.locator('[data-testid="message"][data-state="sent"]').filter({ hasText: match });
      await shows(sent.last()).waitFor();
      return sent.last();
    };
    const notes = Array.from(
      { length: 24 },
      (_, i) => `${i + 1}. ${['Book the room', 'Print the agenda', 'Order lunch', 'Test the projector'][i % 4]}`,
    );
    const long = await send(`The full checklist for Friday:\n${notes.join('\n')}`, 'full checklist', (m) =>
      m.getByRole('button', { name: 'Show more' }),
    );
    // Then the long one is folded behind "Show more"
    expect(await long.getByTestId('message-text').getAttribute('data-folded')).toBe('true');
    const emoji = await send('🎉🚀', '🎉🚀', (m) => m.locator('[data-emoji-only="true"]'));
    // And the emoji alone are shown large
    expect(
      await emoji.getByTestId('message-text').evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize)),
    ).toBeGreaterThanOrEqual(30);
    const formatted = await send(
      '_Before we start_:\n- coffee\n- slides\n```\nnpm run demo\n```',
      'Before we start',
      (m) => m.locator('pre'),
    );
    // And italic, the list and the code block are elements
    expect(await formatted.locator('em').textContent()).toBe('Before we start');
    expect(await formatted.locator('ul li').allTextContents()).toEqual(['coffee', 'slides']);
    expect(await formatted.locator('pre').textContent()).toBe('npm run demo');
    await a.mouse.move(0, 0);
    await screenshot(a, 'chat-rendering-desktop');
    await phoneScreenshot(a, 'chat-rendering', () => formatted.locator('pre').waitFor());
  });

  it('opens the message actions with a long-press on a phone', { timeout: 240_000 }, async () => {
    // Given Bob on his phone, in the chat with Ada
    await b.getByTestId('conversation-row').first().click();
    const message = b.getByTestId('message').filter({ hasText: 'Plan' });
    await message.waitFor();

    // When he rests his finger on Ada's message
    await message.scrollIntoViewIfNeeded();
    await longPress(b, bContext, message.getByTestId('message-bubble'));

    // Then the actions menu opens with react, reply and copy
    const menu = b.getByTestId('message-menu');
    await menu.waitFor();
    await menu.getByRole('menuitem', { name: 'Reply' }).waitFor();
    await menu.getByRole('menuitem', { name: 'Copy text' }).waitFor();
    await menu.getByRole('menuitem', { name: '👍' }).waitFor();
    await screenshot(b, 'message-actions-phone');

    // When he taps Reply, then the composer replies to Ada
    await menu.getByRole('menuitem', { name: 'Reply' }).tap();
    await b.getByText(`Replying to ${ada.name}`).waitFor();
  });
});
