import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildWebIfStale } from '../build-if-stale.ts';
import { registerAdmin } from './admin-support.ts';
import { axeViolations, DESKTOP, launch, newPage, PHONE, person, SLOW, screenshot, signIn, signUp } from './support.ts';

const devstack = inject('devstack');
const poll = { timeout: SLOW, interval: 500 };

describe('phone numbers in the web client against devstack', () => {
  let browser: Browser;
  const admin = person('Admin');
  const bob = person('Bob');
  let a: Page;
  let b: Page;

  beforeAll(async () => {
    await buildWebIfStale();
    browser = await launch();
    a = (await newPage(browser, devstack.url)).page;
    b = (await newPage(browser, devstack.url)).page;
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('an admin gives a colleague a Singapore number, which shows live in his Settings', {
    timeout: 300_000,
  }, async () => {
    // Given an admin (registered first: on a fresh stack the first account is the admin), signed in
    await registerAdmin(devstack, admin);
    await a.goto('/');
    await signIn(a, admin);

    // And Bob, signed in on Settings, with no number yet
    await signUp(b, bob);
    await b.getByTestId('nav-settings').click();
    await expect.poll(() => b.getByTestId('my-numbers').textContent(), poll).toContain('You have no phone number yet.');

    // When the admin opens the admin area and lists Singapore's free numbers (the SIP trunk's pool)
    await a.getByTestId('nav-admin').click();
    await a.getByRole('heading', { name: 'Admin', level: 1 }).waitFor();
    await a.getByTestId('country-SG').waitFor();
    await a.getByTestId('search-country').selectOption('SG');
    await a.getByTestId('search-numbers').click();
    await expect.poll(() => a.getByTestId('search-numbers').isEnabled(), poll).toBe(true);

    // And imports one, unless an earlier test took the whole pool and left one free in the inventory
    const pool = a.getByTestId('search-results').getByRole('button', { name: /^Import / });
    const singapore = a.getByTestId('country-SG');
    let e164: string;
    if ((await pool.count()) > 0) {
      const label = (await pool.first().getAttribute('aria-label')) ?? '';
      await pool.first().click();
      const shown = label.replace(/^Import /, '');
      const row = singapore.getByTestId('number-row').filter({ hasText: shown });
      await row.getByRole('button', { name: `Assign ${shown}` }).waitFor();
      e164 = (await row.getAttribute('data-e164')) ?? '';
    } else {
      const free = singapore.getByTestId('number-row').filter({ has: a.getByRole('button', { name: /^Assign / }) });
      e164 = (await free.first().getAttribute('data-e164')) ?? '';
    }
    expect(e164).toMatch(/^\+65\d{8}$/);
    const row = a.locator(`[data-testid="number-row"][data-e164="${e164}"]`);

    // And assigns it to Bob, found in the directory (numbers learns of new people through the bus: the
    // first attempt may come before it has)
    await row.getByRole('button', { name: /^Assign / }).click();
    const dialog = a.getByRole('dialog');
    await dialog.getByTestId('assign-search').fill(bob.name);
    await expect
      .poll(async () => {
        if (await dialog.isVisible()) await dialog.getByRole('button', { name: `Assign to ${bob.name}` }).click();
        return row.getByTestId('number-state').textContent();
      }, poll)
      .toBe('Assigned');
    await expect.poll(() => row.textContent(), poll).toContain(`Assigned to ${bob.name}`);

    // Then Bob's Settings shows the number, without a reload, with its flag and the sentence
    const shown = `+65 ${e164.slice(3, 7)} ${e164.slice(7)}`;
    await expect.poll(() => b.getByTestId('my-number').textContent(), poll).toBe(shown);
    const card = b.getByTestId('my-numbers');
    expect(await card.getByRole('img', { name: 'Singapore' }).textContent()).toBe('🇸🇬');
    expect(await card.textContent()).toContain(`People can call you at ${shown}; it rings Parley on every device`);

    // And both screens are clean for axe; screenshots at both widths
    expect(await axeViolations(a)).toEqual([]);
    await screenshot(a, 'admin-desktop');
    await a.setViewportSize(PHONE);
    await screenshot(a, 'admin-phone');
    await a.setViewportSize(DESKTOP);
    expect(await axeViolations(b)).toEqual([]);
    await card.scrollIntoViewIfNeeded();
    await screenshot(b, 'settings-number-desktop');
    await b.setViewportSize(PHONE);
    await card.scrollIntoViewIfNeeded();
    await screenshot(b, 'settings-number-phone');
    await b.setViewportSize(DESKTOP);

    // And Bob, who is not an admin, has no admin link and is told so at its address
    expect(await b.getByTestId('nav-admin').count()).toBe(0);
    await b.goto('/#/admin');
    await b.getByRole('heading', { name: 'Only admins' }).waitFor();
  });
});
