import type {} from '@parley/testing/devstack-info';
import type { Browser, Page, WebSocket } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildWebIfStale } from '../build-if-stale.ts';
import {
  axeViolations,
  DESKTOP,
  launch,
  newPage,
  type Person,
  PHONE,
  person,
  phoneScreenshot,
  SLOW,
  screenshot,
  signIn,
  signUp,
} from './support.ts';

const { url } = inject('devstack');
const poll = { timeout: SLOW, interval: 250 };
const SESSION_ENDED = 'Your session ended. Please sign in again.';

/**
 * What happens to a page's real-time connection, in order: `open` when a socket's first frame comes
 * (the handshake was accepted), `closed` when an open one closes, `refused` when one closes unopened,
 * and `refresh <status>` for each answer to a token renewal.
 */
function recordConnection(page: Page): string[] {
  const log: string[] = [];
  page.on('websocket', (ws: WebSocket) => {
    if (!new URL(ws.url()).pathname.endsWith('/ws')) return;
    let opened = false;
    ws.on('framesent', () => {
      if (!opened) log.push('open');
      opened = true;
    });
    ws.on('framereceived', () => {
      if (!opened) log.push('open');
      opened = true;
    });
    ws.on('close', () => log.push(opened ? 'closed' : 'refused'));
  });
  page.on('response', (res) => {
    if (res.url().endsWith('/api/identity/auth/refresh')) log.push(`refresh ${res.status()}`);
  });
  return log;
}

/** From People, opens (or starts) the direct chat with `other` and sends `text`. */
async function messagePerson(page: Page, other: Person, text: string): Promise<void> {
  await page.getByTestId('nav-people').click();
  await page.getByTestId('directory-search').fill(other.name);
  await page.getByRole('button', { name: `Message: ${other.name}` }).click();
  await expect.poll(() => page.getByTestId('chat-title').textContent(), poll).toBe(other.name);
  await page.getByTestId('composer').fill(text);
  await page.getByTestId('composer').press('Enter');
  await page.locator('[data-testid="message"][data-state="sent"]', { hasText: text }).waitFor();
}

describe('sessions in the web client', () => {
  let browser: Browser;

  beforeAll(async () => {
    await buildWebIfStale();
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a session revoked from another device is signed out at once, and can sign in again', {
    timeout: 300_000,
  }, async () => {
    const ada = person('Ada');
    const cy = person('Cy');
    const { page: a } = await newPage(browser, url);
    const { page: b } = await newPage(browser, url);
    const { page: c } = await newPage(browser, url);
    const bConnection = recordConnection(b);

    // Given Ada on device A, writing to Cy, and signed in on device B too, both showing her chats
    await signUp(c, cy);
    await signUp(a, ada);
    await messagePerson(a, cy, 'Hi Cy, from my laptop');
    await b.goto('/');
    await signIn(b, ada);
    await b.getByTestId('conversation-row').filter({ hasText: cy.name }).waitFor();

    // And B's WebSocket is connected: a reply from Cy reaches B live, as a frame, with no reload
    await c.getByTestId('conversation-row').filter({ hasText: ada.name }).click();
    await c.getByTestId('request-banner').getByRole('button', { name: 'Accept' }).click();
    await c.getByTestId('composer').fill('Hello Ada');
    await c.getByTestId('composer').press('Enter');
    await b.getByTestId('conversation-row').filter({ hasText: 'Hello Ada' }).waitFor();
    expect(bConnection).toContain('open');
    expect(bConnection).not.toContain('closed');
    const refreshToken = () => b.evaluate(() => localStorage.getItem('parley.refreshToken'));
    expect(await refreshToken()).not.toBeNull();

    // When, on A, Settings lists two sessions, this one marked "This device"
    await a.getByTestId('nav-settings').click();
    const rows = a.getByTestId('session-row');
    await expect.poll(() => rows.count(), poll).toBe(2);
    const here = rows.filter({ hasText: 'This device' });
    const other = rows.filter({ hasNotText: 'This device' });
    expect(await here.count()).toBe(1);
    expect(await here.getByRole('button', { name: 'Revoke' }).count()).toBe(0);
    await other.getByRole('button', { name: 'Revoke' }).waitFor();
    await a.getByRole('heading', { name: 'Sessions' }).evaluate((h) => h.scrollIntoView({ block: 'center' }));
    // (the page itself does not scroll: only Settings does, the navigation stays in place)
    expect(await a.evaluate(() => window.scrollY)).toBe(0);
    await a.mouse.move(0, 0);
    await screenshot(a, 'sessions-desktop');
    const logBefore = bConnection.length;

    // And Ada revokes the other one (B)
    await other.getByRole('button', { name: 'Revoke' }).click();

    // Then B, untouched, lands on the sign-in screen saying the session ended
    await b.getByText(SESSION_ENDED).waitFor({ timeout: SLOW });
    await b.getByLabel('Email').waitFor();
    await b.getByLabel('Password').waitFor();
    expect(await b.getByTestId('conversation-row').count()).toBe(0);
    // ... because the server closed its open socket, the next handshake was refused and the
    // renewal that followed was refused too (not through any request of the person's)
    const after = bConnection.slice(logBefore);
    expect(after[0]).toBe('closed');
    expect(after).not.toContain('open');
    expect(after.indexOf('refused')).toBeGreaterThan(0);
    expect(after.indexOf('refresh 401')).toBeGreaterThan(after.indexOf('refused'));
    expect(await refreshToken()).toBeNull();
    await b.mouse.move(0, 0);
    expect({ screen: 'session ended', violations: await axeViolations(b) }).toEqual({
      screen: 'session ended',
      violations: [],
    });
    await screenshot(b, 'session-ended-desktop');
    await phoneScreenshot(b, 'session-ended', () => b.getByText(SESSION_ENDED).waitFor());
    await b.setViewportSize(PHONE);
    expect({ screen: 'session ended (phone)', violations: await axeViolations(b) }).toEqual({
      screen: 'session ended (phone)',
      violations: [],
    });
    await b.setViewportSize(DESKTOP);

    // And A's list shows its own session only, also when read again from the server
    await expect.poll(() => rows.count(), poll).toBe(1);
    await a.reload();
    await a.getByTestId('nav-settings').click();
    await here.waitFor();
    expect(await rows.count()).toBe(1);

    // And A still works: its message reaches Cy live
    await a.getByTestId('nav-chats').click();
    await a.getByTestId('conversation-row').filter({ hasText: cy.name }).click();
    await a.getByTestId('messages').getByText('Hello Ada').waitFor();
    await a.getByTestId('composer').fill('Still here on A');
    await a.getByTestId('composer').press('Enter');
    await c.getByTestId('messages').getByText('Still here on A').waitFor();

    // When Ada signs in on B again, her chats are back
    await signIn(b, ada);
    await b.getByTestId('conversation-row').filter({ hasText: 'Still here on A' }).waitFor();
    // And B's new session is live again: Cy's next message arrives as a frame
    await c.getByTestId('composer').fill('Welcome back');
    await c.getByTestId('composer').press('Enter');
    await b.getByTestId('conversation-row').filter({ hasText: 'Welcome back' }).waitFor();
    expect(bConnection.at(-1)).toBe('open');

    // People on a phone: Cy found in the directory, shown online
    await b.getByTestId('nav-people').click();
    await b.getByTestId('directory-search').fill(cy.name);
    const cyRow = b.getByTestId('person-row').filter({ hasText: cy.name });
    await cyRow.getByTestId('person-detail').getByText('Online').waitFor();
    await b.mouse.move(0, 0);
    // on a phone the actions take a line of their own: neither the name nor the presence is cut short
    const untruncated = () =>
      cyRow.evaluate((row) => [...row.querySelectorAll('p')].every((p) => p.scrollWidth <= p.clientWidth));
    await phoneScreenshot(b, 'people', async () => {
      await cyRow.getByTestId('person-detail').getByText('Online').waitFor();
      await expect.poll(untruncated, poll).toBe(true);
    });
  });

  it('screenshots: the delete confirmation, the character counter near the limit', { timeout: 180_000 }, async () => {
    const eve = person('Eve');
    const finn = person('Finn');
    const { page: e } = await newPage(browser, url);
    const { page: f } = await newPage(browser, url);
    await signUp(f, finn);
    await signUp(e, eve);
    await messagePerson(e, finn, 'See you at the station at nine');
    await e.getByTestId('composer').fill('Or rather at ten?');
    await e.getByTestId('composer').press('Enter');
    const doomed = e.locator('[data-testid="message"][data-state="sent"]', { hasText: 'Or rather at ten?' });
    await doomed.waitFor();

    // The delete confirmation, from the message's actions
    await doomed.focus();
    await e.keyboard.press('Shift+F10');
    await e.getByRole('menuitem', { name: 'Delete' }).click();
    const dialog = e.getByRole('alertdialog').or(e.getByRole('dialog')).first();
    await dialog.getByText('Delete this message?').waitFor();
    await screenshot(e, 'delete-confirm-desktop');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await e.getByTestId('messages').getByText('This message was deleted.').waitFor();
    expect(await e.getByTestId('messages').getByText('Or rather at ten?').count()).toBe(0);

    // The counter near the limit: shown from 3,500 characters, then red beyond 4,000 with Send off
    const composer = e.getByTestId('composer');
    const count = e.getByTestId('char-count');
    await composer.fill('x'.repeat(3_400));
    expect(await count.count()).toBe(0);
    await composer.fill(`${'Our plan for the week, in full. '.repeat(124)}And more.`);
    await expect.poll(() => count.textContent(), poll).toMatch(/^3,977 \/ 4,000/);
    expect(await count.getAttribute('data-over')).toBeNull();
    await screenshot(e, 'composer-counter-desktop');
    await composer.fill('x'.repeat(4_001));
    await expect.poll(() => count.getAttribute('data-over'), poll).toBe('true');
    expect(await e.getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(true);
  });
});
