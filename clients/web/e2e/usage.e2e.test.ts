import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildWebIfStale } from '../build-if-stale.ts';
import { register, registerAdmin } from './admin-support.ts';
import { axeViolations, launch, newPage, person, phoneScreenshot, SLOW, screenshot, signIn } from './support.ts';
import { recordUsage } from './usage-support.ts';

const devstack = inject('devstack');
const poll = { timeout: SLOW, interval: 500 };

// Days of this month up to today (UTC), so every line falls in the month the page opens on.
const now = new Date();
const day = (n: number, hour: number) => {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), Math.min(n, now.getUTCDate()), hour));
  return new Date(Math.min(d.getTime(), now.getTime() - 60_000)).toISOString();
};

describe('the Usage page against devstack', () => {
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

  it('shows each person their month and an admin the organisation’s, from UsageRecorded on the bus', {
    timeout: 300_000,
  }, async () => {
    // Given an admin and Bob, whose calls and SMS reached the ledger as calling and notifications publish them
    const adminId = await registerAdmin(devstack, admin);
    const bobId = (await register(devstack.url, bob)).id;
    const lines = [
      { userId: bobId, feature: 'pstn-out', at: day(1, 9), quantity: 600, amountMicros: 1_200_000, country: 'PA' },
      { userId: bobId, feature: 'pstn-out', at: day(2, 10), quantity: 95, amountMicros: 31_700, country: 'CH' },
      { userId: bobId, feature: 'sms', at: day(2, 11), quantity: 1, amountMicros: 58_400, country: 'CH' },
      { userId: adminId, feature: 'pstn-in', at: day(1, 15), quantity: 300, amountMicros: 40_000, country: 'SG' },
      { userId: adminId, feature: 'pstn-out', at: day(2, 16), quantity: 240, amountMicros: 480_000, country: 'PA' },
    ] as const;
    for (const line of lines) await recordUsage(devstack.url, line);

    // When Bob signs in and opens Usage from the navigation
    await b.goto('/');
    await signIn(b, bob);
    await b.getByTestId('nav-usage').click();
    await b.getByRole('heading', { name: 'Usage', level: 1 }).waitFor();

    // Then his month: three items, the call to Panama first, against his limit; no organisation part
    await expect
      .poll(async () => {
        await b.getByRole('button', { name: 'Previous month' }).click();
        await b.getByRole('button', { name: 'Next month' }).click();
        await b
          .getByTestId('usage-mine')
          .locator('[data-testid=usage-costliest],[data-testid=usage-mine-empty]')
          .waitFor();
        return b.getByTestId('usage-costly-line').count();
      }, poll)
      .toBe(3);
    expect(await b.getByTestId('usage-costly-line').first().textContent()).toContain('Panama');
    expect(await b.getByTestId('usage-cap').textContent()).toBe('$1.29 of your $50.00 monthly limit');
    expect(await b.getByTestId('usage-org').count()).toBe(0);

    // When the admin signs in and opens Usage
    await a.goto('/');
    await signIn(a, admin);
    await a.getByTestId('nav-usage').click();

    // Then the organisation's month: a bar per day with spend, by country, and by person with names
    const org = a.getByTestId('usage-org');
    await org.waitFor();
    await expect
      .poll(async () => (await org.getByTestId('usage-org-by-person').textContent()) ?? '', poll)
      .toContain(bob.name);
    expect(await org.getByTestId('usage-org-by-person').textContent()).toContain(admin.name);
    expect(await org.getByTestId('usage-day-bar').count()).toBeGreaterThanOrEqual(1);
    // (other tests of a run use the same ledger: its countries are checked as present, not ranked)
    const countries = await org
      .getByTestId('usage-org-by-country-row')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.key));
    expect(countries).toEqual(expect.arrayContaining(['PA', 'CH', 'SG']));
    expect(await axeViolations(a)).toEqual([]);
    await screenshot(a, 'usage-desktop');
    // at phone size, scrolled to the organisation's part and its Download CSV
    await phoneScreenshot(a, 'usage', () => org.getByTestId('usage-export').scrollIntoViewIfNeeded());

    // When the admin presses Download CSV
    const month = new Date().toISOString().slice(0, 7);
    const [download] = await Promise.all([
      a.waitForEvent('download'),
      org.getByRole('button', { name: 'Download CSV' }).click(),
    ]);

    // Then Chromium saves the month's CSV under its month's name: the ledger's header row, Bob's lines in it
    expect(download.suggestedFilename()).toBe(`parley-usage-${month}.csv`);
    const csv = await readFile(await download.path(), 'utf8');
    const [header, ...rows] = csv.trimEnd().split('\r\n');
    expect(header).toBe('at,userId,feature,country,direction,quantity,unit,unitPriceUsd,amountUsd,ref,eventId');
    expect(rows.filter((r) => r.split(',')[1] === bobId)).toHaveLength(3);
    expect(rows.some((r) => r.includes(`,${bobId},pstn-out,PA,outbound,600,`))).toBe(true);
    expect(await org.getByRole('button', { name: 'Download CSV' }).isEnabled()).toBe(true);
  });
});
