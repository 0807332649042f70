import type {} from '@parley/testing/devstack-info';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildWebIfStale } from '../build-if-stale.ts';
import {
  axeViolations,
  DESKTOP,
  holdNextRequest,
  launch,
  messageTexts,
  newPage,
  PHONE,
  person,
  SLOW,
  screenshot,
  signIn,
  signUp,
} from './support.ts';

const { url } = inject('devstack');
const poll = { timeout: SLOW, interval: 250 };

describe('web client against devstack', () => {
  let browser: Browser;
  const ada = person('Ada');
  const bob = person('Bob');
  let a: Page;
  let b: Page;
  let bobContext: Awaited<ReturnType<typeof newPage>>['context'];

  beforeAll(async () => {
    // devstack serves clients/web/dist, looked up per request: make sure it is current.
    await buildWebIfStale();
    browser = await launch();
    a = (await newPage(browser, url)).page;
    const second = await newPage(browser, url);
    b = second.page;
    bobContext = second.context;
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('two people sign up and start a conversation', { timeout: 240_000 }, async () => {
    // Given the sign-in page, clean for axe, at both widths
    await a.goto('/');
    await a.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await axeViolations(a)).toEqual([]);
    await screenshot(a, 'sign-in-desktop');
    await a.setViewportSize(PHONE);
    await screenshot(a, 'sign-in-phone');
    await a.setViewportSize(DESKTOP);

    // When Ada and Bob create accounts, and Ada finds Bob in the directory and messages him
    await signUp(a, ada);
    await signUp(b, bob);
    await a.getByTestId('nav-people').click();
    await a.getByTestId('directory-search').fill(bob.name);
    await a.getByRole('button', { name: `Message: ${bob.name}` }).click();

    // Then Ada is in a chat titled with Bob's name
    await expect.poll(() => a.getByTestId('chat-title').textContent(), poll).toBe(bob.name);
  });

  it('chats live with typing, a read receipt, a reaction and an image', { timeout: 240_000 }, async () => {
    // When Ada writes to Bob
    await a.getByTestId('composer').fill('Hola Bob, how is Singapore?');
    await a.getByTestId('composer').press('Enter');

    // Then Bob sees the conversation with an unread count, and opens it
    await b.getByTestId('unread-badge').waitFor();
    await b.getByTestId('conversation-row').first().click();
    await b.getByTestId('messages').getByText('Hola Bob, how is Singapore?').waitFor();

    // And, Ada being a stranger to him, it is a message request: Bob accepts it
    await b.getByTestId('request-banner').getByRole('button', { name: 'Accept' }).click();
    await b.getByTestId('request-banner').waitFor({ state: 'detached' });

    // And Ada sees that Bob read it
    await expect.poll(() => a.getByTestId('read-receipt').textContent(), poll).toBe('Seen');

    // When Bob types, Ada sees him typing; then he replies
    await b.getByTestId('composer').pressSequentially('Humid', { delay: 50 });
    await expect.poll(() => a.getByTestId('typing-indicator').textContent(), poll).toContain(`${bob.name} is typing…`);
    await b.getByTestId('composer').pressSequentially(' and lovely!');
    await b.getByTestId('composer').press('Enter');
    await a.getByTestId('messages').getByText('Humid and lovely!').waitFor();

    // When Ada reacts to Bob's message with a thumbs up
    const bobsMessage = a.getByTestId('message').filter({ hasText: 'Humid and lovely!' });
    await bobsMessage.hover();
    await bobsMessage.getByRole('button', { name: 'Add reaction' }).click();
    await a.getByRole('button', { name: '👍' }).click();

    // Then Bob sees the reaction on his message
    const onBobsSide = b.getByTestId('message').filter({ hasText: 'Humid and lovely!' });
    await expect.poll(() => onBobsSide.getByTestId('reactions').textContent(), poll).toContain('1');

    // When Ada attaches an image (a PNG made on the spot) and sends it
    const png = await a.screenshot({ clip: { x: 0, y: 0, width: 240, height: 160 } });
    await a.getByTestId('file-input').setInputFiles({ name: 'view.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => a.getByRole('button', { name: 'Send', exact: true }).isEnabled(), poll).toBe(true);
    await a.getByRole('button', { name: 'Send', exact: true }).click();

    // Then Bob sees the image itself, loaded from storage
    const image = b.getByTestId('attachment-image').last();
    await image.waitFor();
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), poll)
      .toBeGreaterThan(0);

    // And both chat screens are clean for axe; screenshots for the README
    expect(await axeViolations(a)).toEqual([]);
    await screenshot(a, 'chat-desktop');
    await screenshot(b, 'chat-desktop-second-person');
  });

  it('recovers every message sent while offline, once and in order', { timeout: 240_000 }, async () => {
    // Given Bob goes offline
    await bobContext.setOffline(true);
    await b.getByTestId('connection-banner').waitFor();

    // When Ada sends five messages, on a network so slow that the first is answered only while she
    // is already writing the second (what she is writing must stay in the box)
    const five = [1, 2, 3, 4, 5].map((n) => `While you were away #${n}`);
    const slowSend = await holdNextRequest(a, 'POST', '/messages');
    for (const [i, text] of five.entries()) {
      await a.getByTestId('composer').fill(text);
      if (i === 1) {
        slowSend.release();
        await a.locator('[data-testid="message"][data-state="sent"]', { hasText: five[0] }).waitFor();
      }
      await a.getByTestId('composer').press('Enter');
      await a.getByTestId('messages').getByText(text).waitFor();
    }
    await expect
      .poll(() => a.locator('[data-testid="message"][data-state="sent"]').count(), poll)
      .toBeGreaterThanOrEqual(8);

    // And Bob comes back
    await bobContext.setOffline(false);

    // Then Bob shows all five, once each, in order, and the banner is gone
    await expect
      .poll(async () => (await messageTexts(b)).filter((t) => t.startsWith('While you were away')), poll)
      .toEqual(five);
    await b.getByTestId('connection-banner').waitFor({ state: 'detached' });
    const all = await messageTexts(b);
    expect(new Set(all).size).toBe(all.length);
  });

  it('keeps the history across sign-out and sign-in, and across a reload', { timeout: 240_000 }, async () => {
    // When Ada signs out and back in
    await a.getByTestId('nav-settings').click();
    await a.getByRole('heading', { name: 'Sessions' }).waitFor();
    expect(await axeViolations(a)).toEqual([]);
    await screenshot(a, 'settings-desktop');
    await a.getByTestId('sign-out').click();
    await signIn(a, ada);

    // Then the conversation with Bob is there with its whole history
    await a.getByTestId('conversation-row').first().click();
    await expect
      .poll(() => messageTexts(a), poll)
      .toEqual([
        'Hola Bob, how is Singapore?',
        'Humid and lovely!',
        ...[1, 2, 3, 4, 5].map((n) => `While you were away #${n}`),
      ]);

    // When Bob reloads the page, he is still signed in and sees the chat
    await b.reload();
    await b.getByRole('heading', { name: 'Chats', level: 1 }).waitFor();
    await b.getByTestId('messages').getByText('While you were away #5').first().waitFor();

    // And the people screen and the phone layout are clean too
    await a.getByTestId('nav-people').click();
    await a.getByTestId('directory-search').fill(bob.name.split(' ')[0] ?? bob.name);
    await a.getByTestId('person-row').first().waitFor();
    expect(await axeViolations(a)).toEqual([]);
    await screenshot(a, 'people-desktop');
    await a.setViewportSize(PHONE);
    await a.getByTestId('tab-chats').click();
    await a.getByTestId('conversation-row').first().waitFor();
    await screenshot(a, 'chats-phone');
    await a.getByTestId('conversation-row').first().click();
    await a.getByTestId('messages').getByText('While you were away #5').waitFor();
    expect(await axeViolations(a)).toEqual([]);
    await screenshot(a, 'chat-phone');
  });
});
