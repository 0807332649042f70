import type {} from '@parley/testing/devstack-info';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildWebIfStale } from '../build-if-stale.ts';
import { DESKTOP, launch, messageTexts, newPage, PHONE, person, SLOW, signUp } from './support.ts';

const { url } = inject('devstack');
const poll = { timeout: SLOW, interval: 250 };

const box = async (locator: Locator) => {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not on screen');
  return b;
};

/** The messages Ada shows in the open chat with `text` in the given state. */
const inState = (page: Page, state: string, hasText?: string) =>
  page.locator(`[data-testid="message"][data-state="${state}"]`, hasText ? { hasText } : undefined);

describe('writing messages and filling forms against devstack', () => {
  let browser: Browser;
  const ada = person('Ada');
  const bob = person('Bob');
  let a: Page;
  let b: Page;
  let adaContext: BrowserContext;

  beforeAll(async () => {
    await buildWebIfStale();
    browser = await launch();
    const first = await newPage(browser, url);
    a = first.page;
    adaContext = first.context;
    b = (await newPage(browser, url)).page;
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('marks the field identity refuses at sign-up', { timeout: 240_000 }, async () => {
    // When Ada tries to create an account with a short password
    await a.goto('/');
    await a.getByRole('button', { name: 'Create account' }).click();
    await a.getByLabel('Your name').fill(ada.name);
    await a.getByLabel('Email').fill(ada.email);
    await a.getByLabel('Password').fill('short');
    await a.locator('form').getByRole('button', { name: 'Create account' }).click();

    // Then the password field is marked, with identity's reason under it
    await a.getByRole('alert').getByText('Please check the highlighted fields.').waitFor();
    await expect.poll(() => a.getByLabel('Password').getAttribute('aria-invalid'), poll).toBe('true');
    expect(await a.getByLabel('Email').getAttribute('aria-invalid')).toBe('false');
    expect(await a.getByText(/at least 8 characters/i).count()).toBeGreaterThan(0);
  });

  it('sends three messages written offline, all of them and in the order typed, once back online', {
    timeout: 240_000,
  }, async () => {
    // Given Ada and Bob in a conversation
    await signUp(a, ada);
    await signUp(b, bob);
    await a.getByTestId('nav-people').click();
    await a.getByTestId('directory-search').fill(bob.name);
    await a.getByRole('button', { name: `Message: ${bob.name}` }).click();
    await expect.poll(() => a.getByTestId('chat-title').textContent(), poll).toBe(bob.name);

    // When Ada goes offline, writes three messages and waits through several attempts
    await adaContext.setOffline(true);
    const three = ['Offline one', 'Offline two', 'Offline three'];
    for (const text of three) {
      await a.getByTestId('composer').fill(text);
      await a.getByTestId('composer').press('Enter');
      await a.getByTestId('messages').getByText(text).waitFor();
    }
    await a.waitForTimeout(5_000);

    // Then none of them is "Not sent": they are all waiting, in order
    expect(await inState(a, 'failed').count()).toBe(0);
    expect(await inState(a, 'pending').count()).toBe(3);
    expect((await messageTexts(a)).slice(-3)).toEqual(three);

    // When she is back online
    await adaContext.setOffline(false);

    // Then all three are sent, and Bob has each once, in the order typed
    await expect.poll(() => inState(a, 'sent').count(), poll).toBe(3);
    await b.getByTestId('conversation-row').first().click();
    await expect.poll(() => messageTexts(b), poll).toEqual(three);
  });

  it('keeps an unsent message across a reload and sends it when the network lets it', {
    timeout: 240_000,
  }, async () => {
    // Given the network drops every message Ada sends
    const dropSends = (route: import('playwright-core').Route) =>
      route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.fallback();
    const messagesPath = (u: URL) => u.pathname.endsWith('/messages');
    await a.route(messagesPath, dropSends);

    // When she sends one and reloads the page before it went out
    await a.getByTestId('composer').fill('Written before the reload');
    await a.getByTestId('composer').press('Enter');
    await inState(a, 'pending', 'Written before the reload').waitFor();
    await a.waitForTimeout(500);
    await a.reload();

    // Then after the reload it is still in the chat, waiting
    await inState(a, 'pending', 'Written before the reload').waitFor();

    // When the network lets it through
    await a.unroute(messagesPath, dropSends);

    // Then it is sent, and Bob has it once
    await inState(a, 'sent', 'Written before the reload').waitFor({ timeout: SLOW });
    await expect
      .poll(async () => (await messageTexts(b)).filter((t) => t === 'Written before the reload').length, poll)
      .toBe(1);
  });

  it('never covers a message with the day, nor hides the last one behind the composer', {
    timeout: 240_000,
  }, async () => {
    // Given a long conversation on a phone
    await a.setViewportSize(PHONE);
    for (let i = 1; i <= 14; i += 1) {
      await a.getByTestId('composer').fill(`Line ${i} of a long conversation that wraps on a phone screen`);
      await a.getByTestId('composer').press('Enter');
    }
    await expect.poll(() => inState(a, 'sent').count(), poll).toBeGreaterThanOrEqual(18);
    const list = a.getByTestId('message-list');

    // When Ada scrolls back a little, so that the day's separator is above the screen
    await list.evaluate((el) => {
      el.scrollTop = Math.max(0, el.scrollHeight - el.clientHeight - 500);
      el.dispatchEvent(new Event('scroll'));
    });
    const strip = a.getByTestId('day-strip');
    await strip.getByText('Today').waitFor();

    // Then the day shows, and no message text on screen is under it
    const pill = await box(strip.getByText('Today'));
    const listBox = await box(list);
    expect(listBox.y).toBeGreaterThanOrEqual(pill.y + pill.height - 1);
    for (const text of await a.getByTestId('message-text').all()) {
      const t = await text.boundingBox();
      if (!t) continue;
      // the part of the text the list shows (it clips what is scrolled out)
      const top = Math.max(t.y, listBox.y);
      const bottom = Math.min(t.y + t.height, listBox.y + listBox.height);
      if (bottom <= top) continue;
      const under =
        top < pill.y + pill.height && bottom > pill.y && t.x < pill.x + pill.width && t.x + t.width > pill.x;
      expect(under).toBe(false);
    }

    // When she is back at the newest message and picks a file (the composer grows with its chip)
    await list.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
      el.dispatchEvent(new Event('scroll'));
    });
    await a.getByTestId('file-input').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('agenda'),
    });
    await a.getByRole('list', { name: 'Attach a file' }).waitFor();

    // Then the last message is still in full view above the composer
    await expect
      .poll(async () => {
        const last = await box(a.getByTestId('message-text').last());
        const composer = await box(a.getByTestId('composer'));
        const visible = await box(list);
        return last.y + last.height <= Math.min(composer.y, visible.y + visible.height) + 1;
      }, poll)
      .toBe(true);
    await a.setViewportSize(DESKTOP);
  });

  it('reads a Swiss mobile number written the Swiss way, and defaults the time zone to the browser’s', {
    timeout: 240_000,
  }, async () => {
    await a.setViewportSize(DESKTOP);
    // When Ada chooses Zurich and writes her mobile number as it is dialled there
    await a.getByTestId('nav-settings').click();
    await a.getByLabel('Time zone').selectOption('Europe/Zurich');
    await a.getByLabel('Mobile number').first().fill('079 123 45 67');
    await a.getByRole('button', { name: 'Save changes' }).click();

    // Then it is saved, in E.164
    await a.getByText('Saved.').waitFor();
    await a.reload();
    await expect.poll(() => a.getByLabel('Mobile number').first().inputValue(), poll).toBe('+41791234567');

    // And a person whose browser runs on UTC gets UTC, not the first zone of the list
    const utc = await browser.newContext({ baseURL: url, viewport: DESKTOP, locale: 'en-US', timezoneId: 'UTC' });
    utc.setDefaultTimeout(SLOW);
    const page = await utc.newPage();
    await signUp(page, person('Cy'));
    await page.getByTestId('nav-settings').click();
    await expect.poll(() => page.getByLabel('Time zone').inputValue(), poll).toBe('UTC');
    await utc.close();
  });
});
