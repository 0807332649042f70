import type {} from '@parley/testing/devstack-info';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildWebIfStale } from '../build-if-stale.ts';
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
  signUp,
} from './support.ts';

const { url } = inject('devstack');
const poll = { timeout: SLOW, interval: 250 };

/** Issue 14 in Chromium: a group's info panel, "seen by", and mute / archive / pin. */
describe('groups in the web client', () => {
  let browser: Browser;
  const ana = person('Ana');
  const ben = person('Ben');
  const cy = person('Cy');
  let a: Page;
  let b: Page;
  let c: Page;

  beforeAll(async () => {
    await buildWebIfStale();
    browser = await launch();
    a = (await newPage(browser, url)).page;
    b = (await newPage(browser, url)).page;
    c = (await newPage(browser, url)).page;
    await signUp(a, ana);
    await signUp(b, ben);
    await signUp(c, cy);
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function write(page: Page, text: string) {
    await page.getByTestId('composer').fill(text);
    await page.getByTestId('composer').press('Enter');
  }

  async function pick(page: Page, who: string) {
    await page.getByPlaceholder('Search people').fill(who);
    await page.getByTestId('pick-person').filter({ hasText: who }).click();
  }

  const row = (page: Page, text: string) => page.getByTestId('conversation-item').filter({ hasText: text });

  it('Ana makes a group, renames it (Ben sees it live), removes Cy; Ben sees who read his message', {
    timeout: 300_000,
  }, async () => {
    // Given Ana starts a group with Ben and Cy and writes to it
    await a.getByRole('button', { name: 'New chat' }).first().click();
    await pick(a, ben.name);
    await pick(a, cy.name);
    await a.getByLabel('Group name (optional)').fill('Team');
    await a.getByTestId('start-chat').click();
    await a.getByTestId('chat-title').filter({ hasText: 'Team' }).waitFor();
    await write(a, 'Hello team');

    // And Ben and Cy open it; Ben answers (which accepts it)
    await row(b, 'Team').click({ timeout: SLOW });
    await row(c, 'Team').click({ timeout: SLOW });
    await b.getByTestId('message-text').filter({ hasText: 'Hello team' }).waitFor();
    await write(b, 'Morning!');
    await a.getByTestId('message-text').filter({ hasText: 'Morning!' }).waitFor({ timeout: SLOW });

    // When Ana renames it in the info panel
    await a.getByTestId('group-info-button').click();
    const panel = a.getByTestId('group-info');
    await expect.poll(() => panel.getByTestId('group-member').count(), poll).toBe(3);
    await panel.getByTestId('admin-badge').first().waitFor();
    await panel.getByTestId('group-name-input').fill('Launch crew');
    await panel.getByRole('button', { name: 'Save name' }).click();

    // Then Ben's open chat shows the new name without a reload
    await expect.poll(() => b.getByTestId('chat-title').textContent(), poll).toBe('Launch crew');
    expect(await axeViolations(a)).toEqual([]);
    await screenshot(a, 'group-info-desktop');
    await phoneScreenshot(a, 'group-info', () => panel.getByTestId('group-member').first().waitFor());

    // When Ana removes Cy
    await panel.getByRole('button', { name: `Actions for ${cy.name}` }).click();
    await a.getByRole('menuitem', { name: `Remove ${cy.name}` }).click();
    await expect.poll(() => panel.getByTestId('group-member').count(), poll).toBe(2);
    await a.keyboard.press('Escape');

    // Then the group leaves Cy's list, and Ben's header counts two members
    await expect.poll(() => row(c, 'Launch crew').count(), poll).toBe(0);
    await b.getByText('2 members').waitFor({ timeout: SLOW });

    // When Ben opens "Info" on his message, Ana (who has it on screen) is among those who read it
    const mine = b.getByTestId('message').filter({ hasText: 'Morning!' });
    await mine.hover();
    await mine.getByRole('button', { name: 'Message actions' }).click();
    await b.getByRole('menuitem', { name: 'Info' }).click();
    const info = b.getByTestId('message-info');
    await info.getByTestId('info-read').getByText(ana.name).waitFor({ timeout: SLOW });
    await b.keyboard.press('Escape');
  });

  it('Ana pins and archives chats from the list menu; they stay so after a reload', { timeout: 240_000 }, async () => {
    // Given Ana also has a direct chat with Ben (newer than the group)
    await a.getByRole('button', { name: 'New chat' }).first().click();
    await pick(a, ben.name);
    await a.getByTestId('start-chat').click();
    await expect.poll(() => a.getByTestId('chat-title').textContent(), poll).toContain(ben.name);
    await write(a, 'Just us');
    await expect.poll(() => a.getByTestId('conversation-row').first().textContent(), poll).toContain(ben.name);

    // When she pins the group (its "⋯" menu), it goes to the top
    await row(a, 'Launch crew').hover();
    await row(a, 'Launch crew').getByTestId('conversation-menu-button').click();
    await a.getByRole('menuitem', { name: 'Pin' }).click();
    await expect.poll(() => a.getByTestId('conversation-row').first().textContent(), poll).toContain('Launch crew');
    await row(a, 'Launch crew').getByTestId('pinned-icon').waitFor();

    // When she archives the direct chat (right-click), it folds under "Archived (1)"
    await row(a, 'Just us').click({ button: 'right' });
    await a.getByRole('menuitem', { name: 'Archive' }).click();
    await a.getByTestId('archived-toggle').filter({ hasText: 'Archived (1)' }).waitFor();
    await expect.poll(() => a.getByTestId('conversation-row').count(), poll).toBe(1);

    // Then after a reload the server still says so
    await a.reload();
    await a.getByTestId('archived-toggle').filter({ hasText: 'Archived (1)' }).waitFor({ timeout: SLOW });
    await row(a, 'Launch crew').getByTestId('pinned-icon').waitFor();

    // And on a phone the row's menu is one tap away
    await a.setViewportSize(PHONE);
    await a.goto('/');
    await row(a, 'Launch crew').getByTestId('conversation-menu-button').click();
    await a.getByTestId('conversation-menu').waitFor();
    expect(await axeViolations(a)).toEqual([]);
    await screenshot(a, 'conversation-menu-phone');
    await a.keyboard.press('Escape');
    await a.setViewportSize(DESKTOP);
  });
});
