import type {} from '@parley/testing/devstack-info';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildWebIfStale } from '../build-if-stale.ts';
import { axeViolations, launch, newPage, person, phoneScreenshot, SLOW, screenshot, signUp } from './support.ts';

const { url } = inject('devstack');
const poll = { timeout: SLOW, interval: 250 };

describe('message search in the web client', () => {
  let browser: Browser;
  const ada = person('Ada');
  const bob = person('Bob');
  let a: Page;
  let b: Page;

  beforeAll(async () => {
    // devstack serves clients/web/dist, looked up per request: make sure it is current.
    await buildWebIfStale();
    browser = await launch();
    a = (await newPage(browser, url)).page;
    b = (await newPage(browser, url)).page;
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('finds a message by an accent-free word prefix, marks the word, and opens the chat', {
    timeout: 240_000,
  }, async () => {
    // Given Ada wrote to Bob about Zürich, among other things
    await signUp(a, ada);
    await signUp(b, bob);
    await a.getByTestId('nav-people').click();
    await a.getByTestId('directory-search').fill(bob.name);
    await a.getByRole('button', { name: `Message: ${bob.name}` }).click();
    await expect.poll(() => a.getByTestId('chat-title').textContent(), poll).toBe(bob.name);
    for (const text of ['Grüße aus Zürich, see you at the office', 'and lunch afterwards?']) {
      await a.getByTestId('composer').fill(text);
      await a.getByTestId('composer').press('Enter');
      await a.getByTestId('messages').getByText(text).waitFor();
    }

    // When Bob types "zur" in the search box above his chats (the index catches up within seconds)
    await b.getByTestId('conversation-row').first().waitFor();
    const box = b.getByTestId('message-search-input');
    await expect
      .poll(async () => {
        await box.fill('');
        await box.fill('zur');
        await b
          .getByTestId('search-results')
          .locator('[data-testid=search-hit],[data-testid=search-empty],[data-testid=search-error]')
          .first()
          .waitFor();
        return b.getByTestId('search-hit').count();
      }, poll)
      .toBe(1);

    // Then he sees the hit under Ada's chat, with the matched word marked
    const hit = b.getByTestId('search-hit');
    expect(await hit.getByTestId('search-mark').allTextContents()).toEqual(['Zürich']);
    expect(await b.getByTestId('search-group').textContent()).toContain(ada.name);
    expect(await axeViolations(b)).toEqual([]);
    await screenshot(b, 'search-desktop');
    await phoneScreenshot(b, 'search', () => b.getByTestId('search-hit').waitFor());

    // And a word nobody wrote says so
    await box.fill('zzqx');
    await b.getByTestId('search-empty').waitFor();
    expect(await b.getByTestId('search-empty').textContent()).toContain('No messages match');

    // And clicking the hit opens the chat at that message
    await box.fill('zur');
    await b.getByTestId('search-hit').click();
    await expect.poll(() => b.getByTestId('chat-title').textContent(), poll).toBe(ada.name);
    expect(new URL(b.url()).hash).toMatch(/^#\/c\/[^/]+\/m\/1$/);
  });
});
