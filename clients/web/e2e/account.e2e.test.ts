import type {} from '@parley/testing/devstack-info';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildWebIfStale } from '../build-if-stale.ts';
import {
  axeViolations,
  launch,
  newPage,
  person,
  phoneScreenshot,
  SLOW,
  screenshot,
  signIn,
  signUp,
} from './support.ts';

const { url } = inject('devstack');
const poll = { timeout: SLOW, interval: 250 };

/** The newest `#/<route>` link devstack's SES emulator captured for `email` (GET /_dev/mail). */
async function linkMailedTo(email: string, route: 'reset' | 'verify'): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(async () => {
      const { items } = (await (await fetch(`${url}/_dev/mail`)).json()) as { items: { to: string; text: string }[] };
      const mail = items.find((m) => m.to === email && m.text.includes(`/#/${route}?token=`));
      link = mail ? new RegExp(`(https?://\\S+/#/${route}\\?token=[A-Za-z0-9_-]+)`).exec(mail.text)?.[1] : undefined;
      return Boolean(link);
    }, poll)
    .toBe(true);
  return link as string;
}

/** A landscape PNG drawn by Chromium itself (sky, sun, hill), as a photo to pick: the crop keeps its centre. */
async function pngFrom(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    const g = canvas.getContext('2d') as CanvasRenderingContext2D;
    const sky = g.createLinearGradient(0, 0, 0, 240);
    sky.addColorStop(0, '#38bdf8');
    sky.addColorStop(1, '#fde68a');
    g.fillStyle = sky;
    g.fillRect(0, 0, 320, 240);
    g.fillStyle = '#f59e0b';
    g.beginPath();
    g.arc(190, 95, 42, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#15803d';
    g.beginPath();
    g.ellipse(150, 250, 190, 95, 0, 0, Math.PI * 2);
    g.fill();
    return canvas.toDataURL('image/png');
  });
  return Buffer.from(dataUrl.split(',')[1] as string, 'base64');
}

describe('account in the web client', () => {
  let browser: Browser;

  beforeAll(async () => {
    await buildWebIfStale();
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a reload that cuts a renewal after the server rotated the token keeps the person signed in', async () => {
    const { context, page } = await newPage(browser, url);
    try {
      const ada = person('Ada');
      await signUp(page, ada);
      // The next renewal reaches the server (which rotates the refresh token) but its answer never
      // arrives, as when a reload or a navigation cuts the request.
      let rotated: (status: number) => void = () => undefined;
      const served = new Promise<number>((resolve) => {
        rotated = resolve;
      });
      await page.route(
        '**/api/identity/auth/refresh',
        async (route) => {
          const answer = await route.fetch();
          await route.abort('failed');
          rotated(answer.status());
        },
        { times: 1 },
      );
      await page.reload();
      expect(await served).toBe(200);
      await page.unroute('**/api/identity/auth/refresh');

      // The page still holds the token the server already rotated: presenting it again at once renews
      const renewal = page.waitForResponse((r) => r.url().endsWith('/api/identity/auth/refresh'));
      await page.reload();
      expect((await renewal).status()).toBe(200);
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('sign-out').waitFor();
      expect(await page.getByRole('button', { name: 'Create account' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('forgot password: from the sign-in screen through the emailed link to signed in with the new password', {
    timeout: 240_000,
  }, async () => {
    const dan = person('Dan');
    const first = (await newPage(browser, url)).page;
    await signUp(first, dan);

    // Given Dan, on another browser, forgot his password
    const { page } = await newPage(browser, url);
    await page.goto('/');
    await page.getByRole('button', { name: 'Forgot password?' }).click();
    await page.getByLabel('Email').fill(dan.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();

    // When he opens the link of the email devstack captured
    const link = await linkMailedTo(dan.email, 'reset');
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    // the pointer still rests where "Send reset link" was: move it off the new button before judging contrast
    await page.mouse.move(0, 0);
    expect(await axeViolations(page)).toEqual([]);
    const newPassword = 'a fresh calm passphrase';
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Repeat the new password').fill(newPassword);
    await screenshot(page, 'password-reset-desktop');
    await phoneScreenshot(page, 'password-reset');
    await page.getByRole('button', { name: 'Set new password' }).click();

    // Then he is told, and signs in with the new password
    await page.getByRole('heading', { name: 'Password changed' }).waitFor();
    // And the first browser, signed in before the reset and left alone (no reload), is signed out with the reason
    await first.getByText('Your session ended. Please sign in again.').waitFor({ timeout: SLOW });
    await first.getByLabel('Password').waitFor();
    expect(await first.getByTestId('conversation-row').count()).toBe(0);
    expect(await first.getByRole('heading', { name: 'Chats', level: 1 }).count()).toBe(0);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await signIn(page, { ...dan, password: newPassword });

    // And the link does not work twice
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill('another calm passphrase');
    await page.getByLabel('Repeat the new password').fill('another calm passphrase');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('This link was already used. Ask for a new one.').waitFor();
  });

  it('a new photo shows in the other person’s view; being added shows "added you" with Add back; the email is verified by its link', {
    timeout: 300_000,
  }, async () => {
    const ana = person('Ana');
    const ben = person('Ben');
    const a = (await newPage(browser, url)).page;
    const b = (await newPage(browser, url)).page;
    await signUp(a, ana);
    await signUp(b, ben);

    // Given Ana is unverified: the banner asks her to verify her email
    await a.getByTestId('verify-banner').waitFor();

    // When Ana changes her photo in Settings
    await a.getByTestId('nav-settings').click();
    await a
      .getByTestId('avatar-file')
      .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: await pngFrom(a) });
    await a.getByTestId('avatar-preview').waitFor();
    await a.getByRole('button', { name: 'Use this photo' }).click();
    await a.getByText('Photo updated.').waitFor();
    await a.getByTestId('avatar-editor').locator('img').waitFor();
    expect(await axeViolations(a)).toEqual([]);
    await screenshot(a, 'avatar-desktop');

    // Then Ben, finding her in the directory, sees the photo, her email's domain and adds her
    await b.getByTestId('nav-people').click();
    await b.getByTestId('directory-search').fill(ana.name);
    const row = b.getByTestId('person-row').filter({ hasText: ana.name });
    await row.getByTestId('person-detail').getByText('@example.com').waitFor();
    await expect
      .poll(
        () =>
          row
            .locator('img')
            .evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth),
        poll,
      )
      .toBeGreaterThan(0);
    await row.getByRole('button', { name: `Add contact: ${ana.name}` }).click();

    // And Ana is told at once, and adds him back from the notice
    const notice = a.getByTestId('contact-added-notice');
    await notice.getByText(`${ben.name} added you as a contact`).waitFor({ timeout: SLOW });
    await notice.getByRole('button', { name: 'Add back' }).click();
    await notice.getByText('In your contacts').waitFor();

    // When Ana opens the verification link, her email is verified and the banner is gone
    await a.goto(await linkMailedTo(ana.email, 'verify'));
    await a.getByTestId('verify-done').waitFor();
    await a.getByRole('button', { name: 'Continue to Parley' }).click();
    await a.getByRole('heading', { name: 'Chats', level: 1 }).waitFor();
    expect(await a.getByTestId('verify-banner').count()).toBe(0);
  });
});
