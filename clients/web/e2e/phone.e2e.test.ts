// biome-ignore-all lint/suspicious/noExplicitAny: the virtual phone's calls are read field by field
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildWebIfStale } from '../build-if-stale.ts';
import { actionTypes, callerNumber, giveNumber, json, phone, ringBrowser } from './phone-support.ts';
import {
  axeViolations,
  DESKTOP,
  launch,
  newPage,
  type Person,
  PHONE,
  person,
  SLOW,
  screenshot,
  signUp,
} from './support.ts';

/**
 * Phone calls in Chromium against devstack, the virtual phone (`/_dev/pstn`) playing the far end:
 * a quoted call to a Swiss landline with a key press reaching the phone, a phone ringing the
 * browser on the person's own number, and a voicemail left when nobody answers, played in the page.
 */
const devstack = inject('devstack');
const { url } = devstack;
const poll = { timeout: SLOW, interval: 500 };
const SWISS_LANDLINE = '+41446681800';

/** Chromium's fake microphone, allowed without a prompt, over loopback (as the calls test). */
const FAKE_MEDIA = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

const shown = (e164: string) => parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;

async function signedInWithMic(browser: Browser, who: Person): Promise<Page> {
  const { context, page } = await newPage(browser, url);
  await context.grantPermissions(['microphone', 'camera'], { origin: url });
  await signUp(page, who);
  return page;
}

describe('phone calls in the browser against devstack', () => {
  let browser: Browser;
  const ada = person('Ada');
  let a: Page;

  beforeAll(async () => {
    await buildWebIfStale();
    browser = await launch(FAKE_MEDIA);
    a = await signedInWithMic(browser, ada);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('Ada dials a Swiss landline: the price first, the phone answers, a key reaches it, and the log has the cost', {
    timeout: 240_000,
  }, async () => {
    // Given Ada on the Calls view's keypad
    await a.getByTestId('nav-calls').click();
    await a.getByTestId('calls-tab-keypad').click();

    // When she types the Swiss number
    await a.getByTestId('dialpad-input').fill('+41 44 668 18 00');

    // Then she sees it formatted with the Swiss flag, and its price per minute before dialling
    await expect.poll(() => a.getByTestId('dialpad-number').textContent(), poll).toContain('+41 44 668 18 00');
    expect(await a.getByTestId('dialpad-number').getByRole('img', { name: 'Switzerland' }).textContent()).toBe('🇨🇭');
    await expect.poll(() => a.getByTestId('dialpad-price').textContent(), poll).toMatch(/\$\d+\.\d+ per minute/);
    expect(await axeViolations(a)).toEqual([]);
    await screenshot(a, 'phone-dialpad-desktop');
    await a.setViewportSize(PHONE);
    await screenshot(a, 'phone-dialpad-phone');
    await a.setViewportSize(DESKTOP);

    // When she calls it
    const before = new Set((await phone.calls()).map((c) => c.id));
    await a.getByTestId('dialpad-call').click();
    await expect.poll(() => a.getByTestId('call-status').textContent(), poll).toBe('Calling +41 44 668 18 00…');

    // Then the virtual phone rings, and when it answers the call is connected with its cost running
    let far: any;
    await expect
      .poll(async () => {
        far = (await phone.calls()).find(
          (c) => !before.has(c.id) && c.direction === 'outbound' && c.to === SWISS_LANDLINE,
        );
        return far?.state;
      }, poll)
      .toBe('ringing');
    await phone.act(far.id, 'answer');
    await expect.poll(() => a.getByTestId('call-status').textContent(), poll).toMatch(/^Connected · \d+:\d\d$/);
    expect(await a.getByTestId('call-cost').textContent()).toMatch(/^Cost so far \$\d+\.\d+ · \$\d+\.\d+\/min$/);

    // When she presses 5 on the call's keypad
    await expect.poll(async () => actionTypes(await phone.get(far.id)), poll).toContain('JoinChimeMeeting');
    await a.getByTestId('call-keypad').click();
    await a.getByRole('button', { name: 'Send 5' }).click();

    // Then the tone reaches the phone
    await expect
      .poll(async () => ((await phone.get(far.id)).digitsReceived ?? []).map((d: any) => d.digits).join(''), poll)
      .toContain('5');
    expect(await axeViolations(a)).toEqual([]);
    await screenshot(a, 'phone-call-desktop');
    await a.setViewportSize(PHONE);
    await screenshot(a, 'phone-call-phone');
    await a.setViewportSize(DESKTOP);

    // When she hangs up
    await a.getByTestId('call-hangup').click();

    // Then the call ended with its length and cost, and the phone was hung up too
    await expect.poll(() => a.getByTestId('call-status').textContent(), poll).toMatch(/^Call ended · \d+:\d\d$/);
    await expect.poll(() => a.getByTestId('call-cost').textContent(), poll).toMatch(/^Cost \$\d+\.\d+$/);
    await expect.poll(async () => (await phone.get(far.id)).state, poll).toBe('ended');

    // And her log lists it with the number, how long and what it cost
    await a.getByRole('button', { name: 'Close' }).click();
    await a.getByTestId('calls-tab-recent').click();
    const row = a.locator('[data-testid="call-row"][data-kind="pstn-out"]').first();
    await expect.poll(() => row.getByTestId('call-row-name').textContent(), poll).toBe('+41 44 668 18 00');
    await expect
      .poll(() => row.getByTestId('call-row-detail').textContent(), poll)
      .toMatch(/^Outgoing · \d+:\d\d · Cost \$\d+\.\d+$/);
  });

  let myNumber: { e164: string; country: string };

  it('a phone dials Ada’s number: her browser rings with the caller’s number, she answers, the phone hangs up', {
    timeout: 240_000,
  }, async () => {
    // Given Ada has a number
    const me = await json('POST', '/api/identity/auth/login', { email: ada.email, password: ada.password });
    myNumber = await giveNumber(me.body.user.id);

    // When a phone dials it
    const from = callerNumber();
    const phoneCallId = await ringBrowser(a, from, myNumber.e164);

    // Then her browser rings with the caller's number, to her number's country
    const panel = a.getByTestId('ringing-panel');
    expect(await panel.getByTestId('ringing-name').textContent()).toBe(shown(from));
    const countryName = myNumber.country === 'PA' ? 'Panama' : 'Singapore';
    expect(await panel.getByTestId('ringing-to').textContent()).toContain(`to your ${countryName} number`);
    expect(await axeViolations(a)).toEqual([]);
    await screenshot(a, 'phone-ringing-desktop');

    // When she answers
    await panel.getByRole('button', { name: 'Answer' }).click();

    // Then the call is connected, and the phone leg joined her meeting
    await expect.poll(() => a.getByTestId('call-status').textContent(), poll).toMatch(/^Connected · \d+:\d\d$/);
    expect(await a.getByTestId('phone-name').textContent()).toBe(shown(from));
    await expect.poll(async () => actionTypes(await phone.get(phoneCallId)), poll).toContain('JoinChimeMeeting');

    // When the phone hangs up
    await phone.act(phoneCallId, 'hangup');

    // Then her call ends
    await expect.poll(() => a.getByTestId('call-status').textContent(), poll).toMatch(/^Call ended/);
    await a.getByRole('button', { name: 'Close' }).click();
  });

  it('nobody answers: the caller leaves a voicemail, which appears in Ada’s list and plays in the page', {
    timeout: 240_000,
  }, async () => {
    // Given Ada's phone rings for 10 seconds only (set in Settings' Calls card)
    await a.getByTestId('nav-settings').click();
    const card = a.getByTestId('call-settings');
    await card.getByLabel('Ring for (seconds)').fill('10');
    await card.getByRole('button', { name: 'Save call settings' }).click();
    await card.getByText('Saved.').waitFor();

    // And she is on her voicemail
    await a.getByTestId('nav-calls').click();
    await a.getByTestId('calls-tab-voicemail').click();
    await a.getByTestId('voicemail').waitFor();

    // When a phone calls, nobody answers, and the caller speaks after the tone and presses #
    const from = callerNumber();
    const phoneCallId = await ringBrowser(a, from, myNumber.e164);
    await expect
      .poll(async () => actionTypes(await phone.get(phoneCallId)), { ...poll, timeout: 60_000 })
      .toContain('RecordAudio');
    await new Promise((r) => setTimeout(r, 2_000));
    await phone.act(phoneCallId, 'digits', { digits: '#' });

    // Then the message appears in her list at once, new, and the tab counts it
    const row = a.getByTestId('voicemail-row').filter({ hasText: shown(from) });
    await row.waitFor({ timeout: SLOW });
    expect(await row.getAttribute('data-heard')).toBe('false');
    expect(Number(await a.getByTestId('voicemail-badge').textContent())).toBeGreaterThanOrEqual(1);
    await a.getByTestId('ringing-panel').waitFor({ state: 'detached', timeout: SLOW });
    expect(await axeViolations(a)).toEqual([]);
    await screenshot(a, 'voicemail-desktop');

    // When she plays it
    await row.getByTestId('voicemail-play').click();

    // Then the recording loads in the page (a real WAV, with a length) and the message is heard
    const audio = row.getByTestId('voicemail-audio');
    await audio.waitFor();
    await expect
      .poll(() => audio.evaluate((el: HTMLAudioElement) => (el.readyState >= 1 ? el.duration : 0)), poll)
      .toBeGreaterThan(0.5);
    await expect.poll(() => row.getAttribute('data-heard'), poll).toBe('true');
  });
});
