import type {} from '@parley/testing/devstack-info';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildWebIfStale } from '../build-if-stale.ts';
import { axeViolations, launch, newPage, person, SLOW, screenshot, signUp } from './support.ts';

const { url } = inject('devstack');
const poll = { timeout: SLOW, interval: 250 };

/** Message requests and blocking, as a person meets them in Chromium. */
describe('consent in the web client', () => {
  let browser: Browser;
  const eve = person('Eve');
  const ben = person('Ben');
  let e: Page;
  let b: Page;

  beforeAll(async () => {
    await buildWebIfStale();
    browser = await launch();
    e = (await newPage(browser, url)).page;
    b = (await newPage(browser, url)).page;
    await signUp(e, eve);
    await signUp(b, ben);
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function write(page: Page, text: string) {
    await page.getByTestId('composer').fill(text);
    await page.getByTestId('composer').press('Enter');
  }

  it("a stranger's first message arrives as a request; Ben blocks her from it, and her next message is refused", {
    timeout: 240_000,
  }, async () => {
    // Given Eve, whom Ben does not know, finds him in the directory and writes
    await e.getByTestId('nav-people').click();
    await e.getByTestId('directory-search').fill(ben.name);
    await e.getByRole('button', { name: `Message: ${ben.name}` }).click();
    await write(e, 'Hi Ben, I got your number from the conference');

    // Then Ben's list marks it as a request, and the chat offers accept, decline and block
    await b.getByTestId('request-badge').waitFor({ timeout: SLOW });
    await b.getByTestId('conversation-row').first().click();
    const banner = b.getByTestId('request-banner');
    await banner.getByText(`${eve.name} is not in your contacts`).waitFor();
    expect(await axeViolations(b)).toEqual([]);
    await screenshot(b, 'message-request-desktop');

    // When Ben blocks her, the request leaves his list
    await banner.getByRole('button', { name: 'Block' }).click();
    await expect.poll(() => b.getByTestId('conversation-row').count(), poll).toBe(0);

    // And Eve's next message is refused with the reason (the block reaches messaging through the bus)
    await expect
      .poll(async () => {
        await write(e, `Are you there? ${Date.now()}`);
        return e
          .getByText('You cannot message this person.')
          .first()
          .isVisible({ timeout: 2_000 })
          .catch(() => false);
      }, poll)
      .toBe(true);

    // And Settings lists Eve under Blocked people; unblocking empties it
    await b.getByTestId('nav-settings').click();
    const blocked = b.getByTestId('blocked-people');
    await blocked.getByText(eve.name).waitFor();
    await blocked.getByRole('button', { name: 'Unblock' }).click();
    await blocked.getByText('You have not blocked anyone.').waitFor();

    // And when Ben renames himself, Eve's open chat shows the new name without a reload
    await b.getByLabel('Display name').fill(`${ben.name} Lee`);
    await b.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => e.getByTestId('chat-title').textContent(), poll).toBe(`${ben.name} Lee`);
  });
});
