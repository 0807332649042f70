import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildWebIfStale } from '../build-if-stale.ts';
import { giveNumber, json } from './phone-support.ts';
import { launch, newPage, person, SLOW, screenshot, signUp } from './support.ts';

/**
 * Texting a phone from the web client against devstack (issue 17, ADR 0028): a phone texts Ada's
 * Parley number through `/_dev/sms/inbound`, the SMS conversation appears in her list with the
 * phone's number, she replies, and her reply's tick turns into "delivered".
 */
const devstack = inject('devstack');
const { url } = devstack;
const poll = { timeout: SLOW, interval: 500 };

/** A Swiss mobile no other run uses. */
const phoneNumber = () => `+4179${String(Date.now()).slice(-7)}`;

describe('texting a phone in the web client against devstack', () => {
  let browser: Browser;
  const ada = person('Ada');
  let a: Page;

  beforeAll(async () => {
    await buildWebIfStale();
    browser = await launch();
    a = (await newPage(browser, url)).page;
    await signUp(a, ada);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('a phone texts Ada’s number: the chat appears, she replies, the reply is delivered', {
    timeout: 240_000,
  }, async () => {
    // Given Ada has a Parley number
    const me = await json('POST', '/api/identity/auth/login', { email: ada.email, password: ada.password });
    const { e164: parleyNumber } = await giveNumber(me.body.user.id);

    // When a phone texts it (messaging learns whose number it is from the bus: retry until it has)
    const from = phoneNumber();
    const row = a.getByTestId('conversation-row').filter({ hasText: 'Hola, ¿está abierto hoy?' });
    await expect
      .poll(async () => {
        if ((await row.count()) > 0) return true;
        const sent = await json('POST', '/_dev/sms/inbound', {
          from,
          to: parleyNumber,
          body: 'Hola, ¿está abierto hoy?',
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

    // Then her list shows it as an SMS conversation with that number
    await expect.poll(() => row.first().getByTestId('text-channel-badge').textContent(), poll).toBe('SMS');
    await row.first().click();
    await a.getByTestId('composer').waitFor();

    // When she replies
    await a.getByTestId('composer').fill('Sí, hasta las 18h.');
    await a.getByTestId('composer').press('Enter');

    // Then the reply reaches the phone, and its tick becomes "delivered" without a reload
    const reply = a.getByTestId('message').filter({ hasText: 'Sí, hasta las 18h.' });
    await expect.poll(() => reply.getByTestId('tick-delivered').count(), poll).toBe(1);
    await screenshot(a, 'texting-desktop');
  });
});
