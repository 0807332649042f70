import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildWebIfStale } from '../build-if-stale.ts';
import { register, registerAdmin } from './admin-support.ts';
import { giveNumber, json } from './phone-support.ts';
import {
  axeViolations,
  DESKTOP,
  launch,
  newPage,
  PHONE,
  person,
  phoneScreenshot,
  SLOW,
  screenshot,
  signIn,
  signUp,
} from './support.ts';

const devstack = inject('devstack');
const poll = { timeout: SLOW, interval: 250 };

/** The newest `#/<route>` link devstack's SES emulator captured for `email` (GET /_dev/mail). */
async function linkMailedTo(email: string, route: 'reset' | 'verify'): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(async () => {
      const { items } = (await (await fetch(`${devstack.url}/_dev/mail`)).json()) as {
        items: { to: string; text: string }[];
      };
      const mail = items.find((m) => m.to === email && m.text.includes(`/#/${route}?token=`));
      link = mail ? new RegExp(`(https?://\\S+/#/${route}\\?token=[A-Za-z0-9_-]+)`).exec(mail.text)?.[1] : undefined;
      return Boolean(link);
    }, poll)
    .toBe(true);
  return link as string;
}

/** A one-page PDF small enough to write out here. */
function onePagePdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '<< /Length 44 >>\nstream\nBT /F1 18 Tf 40 100 Td (Launch plan) Tj ET\nendstream',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A Swiss mobile no other run uses. */
const phoneNumber = () => `+4179${String(Date.now()).slice(-7)}`;

/** axe on the page as it is now, named after the screen (a failure says which screen). */
async function clean(page: Page, screen: string): Promise<void> {
  expect({ screen, violations: await axeViolations(page) }).toEqual({ screen, violations: [] });
}

/** Hovers a control and waits out its colour transition, so axe sees the hovered colours. */
async function hovered(target: Locator): Promise<void> {
  await target.hover();
  await expect.poll(() => target.evaluate((el) => el.getAnimations().length), poll).toBe(0);
}

/**
 * The signed-in shell is one screen: only its panes scroll, never the page (a visually hidden input
 * placed outside a pane's scroller once made the whole app scroll away under the keyboard).
 */
async function fitsViewport(page: Page, screen: string): Promise<void> {
  const size = await page.evaluate(() => {
    const root = document.documentElement;
    return { tall: root.scrollHeight > window.innerHeight, wide: root.scrollWidth > window.innerWidth };
  });
  expect({ screen, ...size }).toEqual({ screen, tall: false, wide: false });
}

/** A finger resting on `target`'s middle for `ms` (Chromium's touch input: the page gets touch pointer events). */
async function longPress(page: Page, target: Locator, ms = 800): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('nothing to press');
  const point = { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
  await page.waitForTimeout(ms);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.dataset.testid ?? el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? el?.tagName;
  });

/**
 * Every screen of the web client through axe (WCAG 2.1 A and AA), at desktop and phone width
 * where they differ, with the keyboard paths around them: the skip link, the focus moving into an
 * opened chat, and back to the opener when a dialog closes.
 */
describe('accessibility of every screen', () => {
  let browser: Browser;
  const admin = person('Admin');
  const cleo = person('Cleo');
  const dee = person('Dee');
  let adminId: string;
  let a: Page;
  let c: Page;
  let d: Page;

  beforeAll(async () => {
    await buildWebIfStale();
    browser = await launch();
    adminId = await registerAdmin(devstack, admin);
    a = (await newPage(browser, devstack.url)).page;
    c = (await newPage(browser, devstack.url)).page;
    d = (await newPage(browser, devstack.url)).page;
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('sign-in and sign-up, at both widths', { timeout: 120_000 }, async () => {
    await a.goto('/');
    await a.getByRole('button', { name: 'Sign in' }).waitFor();
    await clean(a, 'sign-in');
    // A hovered primary button keeps its text readable (hover darkens, never fades)
    await hovered(a.getByRole('button', { name: 'Sign in' }));
    await clean(a, 'sign-in, its button hovered');
    await a.mouse.move(0, 0);
    await a.setViewportSize(PHONE);
    await clean(a, 'sign-in (phone)');
    await a.setViewportSize(DESKTOP);
    await a.getByRole('button', { name: 'Create account' }).click();
    await a.getByLabel('Your name').waitFor();
    await clean(a, 'sign-up');
    await a.setViewportSize(PHONE);
    await clean(a, 'sign-up (phone)');
    await a.setViewportSize(DESKTOP);
    await a.getByRole('button', { name: 'Sign in' }).first().click();
  });

  it('forgot password, "Check your email", and the email verification screen', { timeout: 180_000 }, async () => {
    // The forgot-password form and its answer, on a page of its own
    const { page, context } = await newPage(browser, devstack.url);
    try {
      await page.goto('/');
      await page.getByRole('button', { name: 'Forgot password?' }).click();
      await page.getByRole('button', { name: 'Send reset link' }).waitFor();
      await clean(page, 'forgot password');
      await page.getByLabel('Email').fill(admin.email);
      await page.getByRole('button', { name: 'Send reset link' }).click();
      await page.getByRole('heading', { name: 'Check your email' }).waitFor();
      await page.mouse.move(0, 0);
      await clean(page, 'forgot password (check your email)');
    } finally {
      await context.close();
    }

    // Dee, new, opens the link of her verification email
    await signUp(d, dee);
    await d.goto(await linkMailedTo(dee.email, 'verify'));
    await d.getByTestId('verify-done').waitFor();
    await clean(d, 'verify email');
    await screenshot(d, 'verify-email-desktop');
    await d.getByRole('button', { name: 'Continue to Parley' }).click();
    await d.getByRole('heading', { name: 'Chats', level: 1 }).waitFor();
  });

  it('chats, a chat, its dialogs, and the keyboard paths into them', { timeout: 300_000 }, async () => {
    // Given the admin signed in, and Cleo, who writes to her
    await a.goto('/');
    await signIn(a, admin);
    await signUp(c, cleo);
    await clean(a, 'chats (empty)');

    // The new chat dialog: clean, and closing it puts the focus back on its button
    const newChat = a.getByRole('button', { name: 'New chat' }).first();
    await newChat.focus();
    await newChat.press('Enter');
    await a.getByRole('dialog').waitFor();
    await clean(a, 'new chat dialog');
    await a.keyboard.press('Escape');
    await a.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => focused(a), poll).toBe('New chat');

    // A chat with a request, a reply and a reaction
    await c.getByTestId('nav-people').click();
    await c.getByTestId('directory-search').fill(admin.name);
    await c.getByRole('button', { name: `Message: ${admin.name}` }).click();
    await c.getByTestId('composer').fill('Hello, could you give me a number?');
    await c.getByTestId('composer').press('Enter');
    await a.getByTestId('conversation-row').first().waitFor();
    await clean(a, 'chats (a request in the list)');
    await a.getByTestId('conversation-row').first().click();
    await a.getByTestId('request-banner').waitFor();

    // Opening a chat moves the focus into it
    await expect.poll(() => focused(a), poll).toBe('composer');
    await clean(a, 'a chat (a request)');
    await a.getByTestId('request-banner').getByRole('button', { name: 'Accept' }).click();
    await a.getByTestId('request-banner').waitFor({ state: 'detached' });
    const hers = a.getByTestId('message').filter({ hasText: 'could you give me a number' });
    await hers.hover();
    await hers.getByRole('button', { name: 'Reply' }).click();
    await a.getByTestId('composer').fill('Sure: *which country*?');
    await a.getByTestId('composer').press('Enter');
    // (checked once sent: a message on its way is shown faded for the moment it takes)
    await a.locator('[data-testid="message"][data-state="sent"]', { hasText: 'which country' }).waitFor();
    await clean(a, 'a chat');

    // The message actions menu, and the delete dialog with the focus back on the message after it
    const mine = a.getByTestId('message').filter({ hasText: 'which country' });
    await mine.focus();
    await a.keyboard.press('Shift+F10');
    await a.getByRole('menu').waitFor();
    await clean(a, 'message actions menu');
    await a.getByRole('menuitem', { name: 'Delete' }).click();
    await a.getByRole('alertdialog').or(a.getByRole('dialog')).first().waitFor();
    await clean(a, 'delete dialog');
    await hovered(a.getByRole('alertdialog').or(a.getByRole('dialog')).first().getByRole('button', { name: 'Delete' }));
    await clean(a, 'delete dialog, its button hovered');
    await a.keyboard.press('Escape');
    await expect.poll(() => focused(a), poll).toBe('message');

    // The composer's counter near the limit
    await a.getByTestId('composer').fill('x'.repeat(4_010));
    await a.getByTestId('char-count').waitFor();
    await clean(a, 'a chat (message over the limit)');
    await a.getByTestId('composer').fill('');

    // The skip link is the first Tab stop and goes into the conversation
    const firstStop = await a.evaluate(() => {
      const tabbable = [
        ...document.querySelectorAll<HTMLElement>('a[href], button, input, textarea, select, [tabindex]'),
      ];
      return tabbable.find((el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled)?.dataset.testid;
    });
    expect(firstStop).toBe('skip-link');
    await a.getByTestId('skip-link').focus();
    expect(await a.getByTestId('skip-link').isVisible()).toBe(true);
    await clean(a, 'skip link shown');
    await a.keyboard.press('Enter');
    expect(await focused(a)).toBe('composer');

    // At phone width: the list and the chat
    await a.setViewportSize(PHONE);
    await clean(a, 'a chat (phone)');
    await a.getByRole('button', { name: 'Back' }).click();
    await clean(a, 'chats (phone)');
    await a.setViewportSize(DESKTOP);
  });

  it('a group: who reacted, "seen by", and a PDF in the viewer', { timeout: 300_000 }, async () => {
    const row = (page: Page, text: string) => page.getByTestId('conversation-item').filter({ hasText: text });
    const pick = async (who: string) => {
      await a.getByPlaceholder('Search people').fill(who);
      await a.getByTestId('pick-person').filter({ hasText: who }).click();
    };
    // Given the admin starts a group with Cleo and Dee, and Cleo answers in it
    await a.getByRole('button', { name: 'New chat' }).first().click();
    await pick(cleo.name);
    await pick(dee.name);
    await a.getByLabel('Group name (optional)').fill('Crew');
    await a.getByTestId('start-chat').click();
    await a.getByTestId('chat-title').filter({ hasText: 'Crew' }).waitFor();
    await a.getByTestId('composer').fill('Morning, crew');
    await a.getByTestId('composer').press('Enter');
    await row(c, 'Crew').click({ timeout: SLOW });
    await c.getByTestId('message-text').filter({ hasText: 'Morning, crew' }).waitFor();
    await c.getByTestId('composer').fill('Morning!');
    await c.getByTestId('composer').press('Enter');
    const hers = a.getByTestId('message').filter({ hasText: 'Morning!' });
    await hers.waitFor({ timeout: SLOW });

    // Who reacted: the popover a pointer resting on a reaction opens
    await hers.hover();
    await hers.getByRole('button', { name: 'Add reaction' }).click();
    await a.getByRole('button', { name: '👍' }).click();
    await hers.getByTestId('reaction-chip').hover();
    await a.getByTestId('reaction-people').waitFor();
    await clean(a, 'reactions popover');
    await screenshot(a, 'reactions-desktop');
    await a.mouse.move(0, 0);
    await a.getByTestId('reaction-people').waitFor({ state: 'detached' });

    // "Seen by": the message info dialog of the admin's message, once Cleo has read it
    const mine = a.getByTestId('message').filter({ hasText: 'Morning, crew' });
    await mine.hover();
    await mine.getByRole('button', { name: 'Message actions' }).click();
    await a.getByRole('menuitem', { name: 'Info' }).click();
    const info = a.getByTestId('message-info');
    await info.getByTestId('info-read').getByText(cleo.name).waitFor({ timeout: SLOW });
    await clean(a, 'message info (seen by)');
    await screenshot(a, 'seen-by-desktop');
    await a.keyboard.press('Escape');
    await info.waitFor({ state: 'detached' });

    // A PDF, sent and opened in the viewer
    await a.getByTestId('file-input').setInputFiles({
      name: 'launch-plan.pdf',
      mimeType: 'application/pdf',
      buffer: onePagePdf(),
    });
    await expect.poll(() => a.getByRole('button', { name: 'Send', exact: true }).isEnabled(), poll).toBe(true);
    await a.getByRole('button', { name: 'Send', exact: true }).click();
    const file = a.locator('[data-testid="message"][data-state="sent"]').getByTestId('attachment-file');
    await file.waitFor();
    await file.click();
    const viewer = a.getByTestId('pdf-viewer');
    await viewer.locator('iframe').waitFor();
    await a.mouse.move(0, 0);
    await clean(a, 'pdf viewer');
    await screenshot(a, 'pdf-viewer-desktop');
    await phoneScreenshot(a, 'pdf-viewer', () => viewer.locator('iframe').waitFor());
    await a.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });

    // "Not sent": a message the server refuses stays in the chat with Retry and Delete
    const refuse = (u: URL) => u.pathname.endsWith('/messages');
    await a.route(refuse, (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 422,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'validation_failed', message: 'Refused for the test.' } }),
          })
        : route.fallback(),
    );
    try {
      await a.getByTestId('composer').fill('This one is refused');
      await a.getByTestId('composer').press('Enter');
      const refused = a.locator('[data-testid="message"][data-state="failed"]', { hasText: 'This one is refused' });
      await refused.waitFor();
      await a.mouse.move(0, 0);
      await clean(a, 'a chat (message not sent)');
      await screenshot(a, 'outbox-not-sent-desktop');
      await phoneScreenshot(a, 'outbox-not-sent', () => refused.getByRole('button', { name: 'Retry' }).waitFor());
      await refused.getByRole('button', { name: 'Delete' }).click();
      await refused.waitFor({ state: 'detached' });
    } finally {
      await a.unroute(refuse);
    }
  });

  it('the group at phone width: its panel, Add people and Leave; an image in the viewer; search results; the long-press menu', {
    timeout: 300_000,
  }, async () => {
    // Given Eli, who is not in the group
    const eli = person('Eli');
    await register(devstack.url, eli);

    // The group's info panel, its Add people search and its Leave confirmation
    await a.getByTestId('group-info-button').click();
    const panel = a.getByTestId('group-info');
    await expect.poll(() => panel.getByTestId('group-member').count(), poll).toBe(3);
    await a.mouse.move(0, 0);
    await clean(a, 'group info');
    await panel.getByTestId('group-add-search').fill(eli.name);
    await panel.getByRole('button', { name: `Add ${eli.name}` }).waitFor();
    await clean(a, 'group info (add people)');
    await panel.getByTestId('group-add-search').fill(cleo.name);
    await panel.getByTestId('group-add-result').filter({ hasText: cleo.name }).getByText('Already').waitFor();
    await clean(a, 'group info (add people, already in)');
    await panel.getByTestId('group-add-search').fill('');
    await panel.getByRole('button', { name: 'Leave group' }).click();
    await panel.getByTestId('leave-confirm').waitFor();
    await clean(a, 'group info (leave confirmation)');
    await a.setViewportSize(PHONE);
    await clean(a, 'group info (leave confirmation, phone)');
    await panel.getByTestId('leave-confirm').getByRole('button', { name: 'Cancel' }).click();
    await panel.getByTestId('leave-confirm').waitFor({ state: 'detached' });
    await clean(a, 'group info (phone)');
    await a.setViewportSize(DESKTOP);
    await a.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });

    // An image, in the viewer at phone width
    const png = await a.screenshot({ clip: { x: 0, y: 0, width: 320, height: 200 } });
    await a.getByTestId('file-input').setInputFiles({ name: 'crew.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => a.getByRole('button', { name: 'Send', exact: true }).isEnabled(), poll).toBe(true);
    await a.getByRole('button', { name: 'Send', exact: true }).click();
    const opener = a
      .locator('[data-testid="message"][data-state="sent"]')
      .getByRole('button', { name: 'Open crew.png' });
    await opener.waitFor();
    await a.setViewportSize(PHONE);
    await opener.click();
    const lightbox = a.getByTestId('lightbox');
    await expect
      .poll(() => lightbox.getByTestId('lightbox-image').evaluate((img: HTMLImageElement) => img.naturalWidth), poll)
      .toBe(320);
    await clean(a, 'image viewer (phone)');
    await a.keyboard.press('Escape');
    await lightbox.waitFor({ state: 'detached' });

    // Search results at phone width, above the chat list
    await a.getByRole('button', { name: 'Back' }).click();
    const box = a.getByTestId('message-search-input');
    await expect
      .poll(async () => {
        await box.fill('');
        await box.fill('morning');
        await a
          .getByTestId('search-results')
          .locator('[data-testid=search-hit],[data-testid=search-empty],[data-testid=search-error]')
          .first()
          .waitFor();
        return a.getByTestId('search-hit').count();
      }, poll)
      .toBeGreaterThan(0);
    await clean(a, 'search results (phone)');
    await box.fill('');
    await a.setViewportSize(DESKTOP);
    await a.getByTestId('conversation-item').filter({ hasText: 'Crew' }).click();

    // The long-press menu on a touch screen
    const phone = await browser.newContext({
      baseURL: devstack.url,
      viewport: PHONE,
      hasTouch: true,
      isMobile: true,
      locale: 'en-US',
      timezoneId: 'America/Panama',
    });
    phone.setDefaultTimeout(SLOW);
    try {
      const p = await phone.newPage();
      await p.goto('/');
      await signIn(p, admin);
      await p.getByTestId('conversation-item').filter({ hasText: 'Crew' }).click();
      const hers = p.getByTestId('message').filter({ hasText: 'Morning!' });
      await hers.scrollIntoViewIfNeeded();
      await longPress(p, hers.getByTestId('message-bubble'));
      await p.getByTestId('message-menu').getByRole('menuitem', { name: 'Reply' }).waitFor();
      await clean(p, 'long-press message menu (phone)');
    } finally {
      await phone.close();
    }
  });

  it('in dark: sign-in, the chat list with a conversation menu, the message menu, the delete dialog, the viewer', {
    timeout: 240_000,
  }, async () => {
    const dark = await browser.newContext({
      baseURL: devstack.url,
      viewport: DESKTOP,
      colorScheme: 'dark',
      locale: 'en-US',
      timezoneId: 'America/Panama',
    });
    dark.setDefaultTimeout(SLOW);
    try {
      const p = await dark.newPage();
      await p.goto('/');
      await p.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(await p.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
      await clean(p, 'sign-in (dark)');
      await hovered(p.getByRole('button', { name: 'Sign in' }));
      await clean(p, 'sign-in, its button hovered (dark)');
      await signIn(p, admin);

      // The chat list with a conversation's menu open
      const crew = p.getByTestId('conversation-item').filter({ hasText: 'Crew' });
      await crew.hover();
      await crew.getByTestId('conversation-menu-button').click();
      await p.getByTestId('conversation-menu').waitFor();
      await clean(p, 'chats with the conversation menu (dark)');
      await p.keyboard.press('Escape');
      await p.getByTestId('conversation-menu').waitFor({ state: 'detached' });

      // A chat, the message actions menu and the delete dialog
      await crew.getByTestId('conversation-row').click();
      const mine = p.locator('[data-testid="message"][data-state="sent"]').filter({ hasText: 'Morning, crew' });
      await mine.focus();
      await p.keyboard.press('Shift+F10');
      await p.getByRole('menu').waitFor();
      await clean(p, 'message actions menu (dark)');
      await p.getByRole('menuitem', { name: 'Delete' }).click();
      await p.getByRole('alertdialog').or(p.getByRole('dialog')).first().getByText('Delete this message?').waitFor();
      await clean(p, 'delete dialog (dark)');
      await hovered(
        p.getByRole('alertdialog').or(p.getByRole('dialog')).first().getByRole('button', { name: 'Delete' }),
      );
      await clean(p, 'delete dialog, its button hovered (dark)');
      await p.keyboard.press('Escape');
      await p.getByText('Delete this message?').waitFor({ state: 'detached' });

      // The image viewer
      await p.getByRole('button', { name: 'Open crew.png' }).click();
      const lightbox = p.getByTestId('lightbox');
      await expect
        .poll(() => lightbox.getByTestId('lightbox-image').evaluate((img: HTMLImageElement) => img.naturalWidth), poll)
        .toBe(320);
      await p.mouse.move(0, 0);
      await clean(p, 'image viewer (dark)');
      await p.keyboard.press('Escape');
      await lightbox.waitFor({ state: 'detached' });
    } finally {
      await dark.close();
    }
  });

  it('people, calls, settings and admin', { timeout: 240_000 }, async () => {
    await a.getByTestId('nav-people').click();
    await a.getByTestId('directory-search').waitFor();
    await clean(a, 'people');
    await a.getByTestId('directory-search').fill(cleo.name);
    await a.getByRole('button', { name: `Message: ${cleo.name}` }).waitFor();
    await clean(a, 'people (search results)');
    await fitsViewport(a, 'people');
    await a.setViewportSize(PHONE);
    await clean(a, 'people (phone)');
    await fitsViewport(a, 'people (phone)');
    await a.setViewportSize(DESKTOP);

    await a.getByTestId('nav-calls').click();
    await a.getByRole('heading', { name: 'Calls', level: 1 }).waitFor();
    await clean(a, 'calls (recent)');
    for (const tab of ['keypad', 'voicemail']) {
      await a.getByTestId(`calls-tab-${tab}`).click();
      await expect.poll(() => a.getByTestId(`calls-tab-${tab}`).getAttribute('aria-selected'), poll).toBe('true');
      await clean(a, `calls (${tab})`);
      await fitsViewport(a, `calls (${tab})`);
    }

    await a.getByTestId('nav-settings').click();
    await a.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await a.getByTestId('browser-notifications').waitFor();
    await clean(a, 'settings');
    await fitsViewport(a, 'settings');
    // Settings scrolled to Appearance (only Settings' pane scrolls, the page does not)
    await a.getByTestId('theme-choice').evaluate((el) => el.closest('section')?.scrollIntoView({ block: 'center' }));
    await a.getByRole('heading', { name: 'Appearance' }).waitFor();
    await a.mouse.move(0, 0);
    await screenshot(a, 'settings-appearance-desktop');
    await a.setViewportSize(PHONE);
    await clean(a, 'settings (phone)');
    await fitsViewport(a, 'settings (phone)');
    await a.setViewportSize(DESKTOP);

    await a.getByTestId('nav-admin').click();
    await a.getByRole('heading', { name: 'Admin', level: 1 }).waitFor();
    await a.getByTestId('country-SG').or(a.getByTestId('country-PA')).first().waitFor();
    await clean(a, 'admin');
    await fitsViewport(a, 'admin');
  });

  it('texting: an SMS conversation and the "New text message" dialog', { timeout: 240_000 }, async () => {
    // Given the admin has a Parley number, and a phone texts it
    const { e164: parleyNumber } = await giveNumber(adminId);
    await a.getByTestId('nav-chats').click();
    const from = phoneNumber();
    const row = a.getByTestId('conversation-row').filter({ hasText: 'Is the shop open today?' });
    await expect
      .poll(async () => {
        if ((await row.count()) > 0) return true;
        const sent = await json('POST', '/_dev/sms/inbound', {
          from,
          to: parleyNumber,
          body: 'Is the shop open today?',
          channel: 'sms',
        });
        expect(sent.status).toBe(200);
        return row
          .first()
          .waitFor({ timeout: 6_000 })
          .then(() => true)
          .catch(() => false);
      }, poll)
      .toBe(true);
    await row.first().click();
    await a.getByTestId('composer').waitFor();
    await a.getByTestId('messages').getByText('Is the shop open today?').waitFor();
    await clean(a, 'a texting conversation');

    // The "New text message" dialog
    await a.getByRole('button', { name: 'New chat' }).first().click();
    await a.getByTestId('new-text-message').click();
    await a.getByTestId('new-text-form').waitFor();
    await clean(a, 'new text message dialog');
    await a.keyboard.press('Escape');
    await a.getByRole('dialog').waitFor({ state: 'detached' });
  });
});
