import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildWebIfStale } from '../build-if-stale.ts';
import { callerNumber, giveNumber, json } from './phone-support.ts';
import { launch, mediaPage, person, SLOW, screenshot, signUp } from './support.ts';

/**
 * A person at devstack's virtual phone (`/_dev/phone`) talks to a person in the web client: the
 * phone page dials and answers with its own buttons, presses Talk, and both pages receive real
 * audio (Chromium's fake microphone beeps) over WebRTC through the meeting's signaling relay.
 */
const { url } = inject('devstack');
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

interface Audio {
  packets: number;
  level: number;
}

/** Inbound audio over this page's open peer connections, from `getStats()` (`window.__peers`, as calls.e2e). */
async function inboundAudio(page: Page): Promise<Audio> {
  return page.evaluate(async () => {
    const peers = (window as unknown as { __peers?: RTCPeerConnection[] }).__peers ?? [];
    const out = { packets: 0, level: 0 };
    for (const pc of peers) {
      if (pc.connectionState === 'closed') continue;
      // biome-ignore lint/suspicious/noExplicitAny: stats entries read by name
      (await pc.getStats()).forEach((s: any) => {
        if (s.type !== 'inbound-rtp' || s.kind !== 'audio') return;
        out.packets += s.packetsReceived ?? 0;
        out.level = Math.max(out.level, s.audioLevel ?? 0);
      });
    }
    return out;
  });
}

/** Both pages receive audio with sound in it, the packet counts rising. */
async function expectAudioBothWays(pages: Page[]): Promise<Record<string, Audio>> {
  const seen: Record<string, Audio> = {};
  for (const page of pages) {
    const first = await inboundAudio(page);
    await expect.poll(async () => (await inboundAudio(page)).packets - first.packets, poll).toBeGreaterThan(50);
    await expect.poll(async () => (await inboundAudio(page)).level, poll).toBeGreaterThan(0);
    seen[page.url()] = await inboundAudio(page);
  }
  console.info('inbound audio', JSON.stringify(seen));
  return seen;
}

describe('talking between the virtual phone and the web client', () => {
  let browser: Browser;
  const ana = person('Ana');
  let a: Page;
  let p: Page;
  let myNumber: string;

  beforeAll(async () => {
    await buildWebIfStale();
    browser = await launch(FAKE_MEDIA);
    a = await mediaPage(browser, url);
    p = await mediaPage(browser, url);
    await signUp(a, ana);
    await p.goto('/_dev/phone');
    await p.getByText('· live').waitFor();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** The phone page's newest call whose heading contains `text`. */
  const phoneCall = (text: string): Locator => p.locator('li.call').filter({ hasText: text }).first();

  it('a person at the virtual phone dials Ana from its dial pad, she answers, they talk, the phone hangs up', {
    timeout: 300_000,
  }, async () => {
    // Given Ana has a number (given by an admin through the numbers API)
    const me = await json('POST', '/api/identity/auth/login', { email: ana.email, password: ana.password });
    myNumber = (await giveNumber(me.body.user.id)).e164;

    // And the person at the virtual phone types it on the page's dial pad
    const from = callerNumber();
    // the Dial pane (the page also has a Texts pane with its own From)
    const dial = p.getByRole('region', { name: 'Dial' });
    await dial.getByLabel('From (your phone)').fill(from);
    await dial.getByLabel('To', { exact: true }).fill('+');
    for (const digit of myNumber.slice(1))
      await p.locator('#pad').getByRole('button', { name: digit, exact: true }).click();
    expect(await dial.getByLabel('To', { exact: true }).inputValue()).toBe(myNumber);

    // When they press Call (calling learns whose number it is from the bus: until then, redial)
    const call = phoneCall(`You → ${myNumber}`);
    await expect
      .poll(async () => {
        await p.getByRole('button', { name: 'Call', exact: true }).click();
        const rang = await a
          .getByTestId('ringing-panel')
          .waitFor({ timeout: 6_000 })
          .then(() => true)
          .catch(() => false);
        if (!rang) await call.getByRole('button', { name: 'Hang up' }).click();
        return rang;
      }, poll)
      .toBe(true);

    // Then Ana's browser rings with the caller's number, and she answers
    const panel = a.getByTestId('ringing-panel');
    expect(await panel.getByTestId('ringing-name').textContent()).toBe(shown(from));
    await panel.getByRole('button', { name: 'Answer' }).click();
    await expect.poll(() => a.getByTestId('call-status').textContent(), poll).toMatch(/^Connected · \d+:\d\d$/);

    // And the phone page shows its call joined to the meeting; the person presses Talk
    await call.getByText('joined to a meeting').waitFor();
    await call.getByRole('button', { name: 'Talk', exact: true }).click();
    await call.getByRole('button', { name: 'Stop talking' }).waitFor();

    // Then each side hears the other: audio packets with sound in them, rising, in both pages
    await expectAudioBothWays([a, p]);
    await screenshot(p, 'virtual-phone-talk-desktop');

    // When the phone hangs up, Ana's call ends
    await call.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(() => a.getByTestId('call-status').textContent(), poll).toMatch(/^Call ended/);
    await call.getByRole('button', { name: 'Talk' }).waitFor({ state: 'detached' });
    await a.getByRole('button', { name: 'Close' }).click();
  });

  it('Ana calls a Swiss number, the virtual phone answers and talks, Ana hangs up', { timeout: 300_000 }, async () => {
    // Given Ana dials the Swiss landline from the Calls keypad
    await a.getByTestId('nav-calls').click();
    await a.getByTestId('calls-tab-keypad').click();
    await a.getByTestId('dialpad-input').fill('+41 44 668 18 00');
    await expect.poll(() => a.getByTestId('dialpad-price').textContent(), poll).toMatch(/\$\d+\.\d+ per minute/);
    await a.getByTestId('dialpad-call').click();

    // When the virtual phone rings and its person answers with the page's Answer button
    const call = p
      .locator('li.call')
      .filter({ hasText: `→ you (${SWISS_LANDLINE})` })
      .filter({ hasText: 'ringing' });
    await call.getByRole('button', { name: 'Answer' }).click();
    await expect.poll(() => a.getByTestId('call-status').textContent(), poll).toMatch(/^Connected · \d+:\d\d$/);

    // And, joined to the meeting, presses Talk
    const active = p
      .locator('li.call')
      .filter({ hasText: `→ you (${SWISS_LANDLINE})` })
      .first();
    await active.getByText('joined to a meeting').waitFor();
    await active.getByRole('button', { name: 'Talk', exact: true }).click();
    await active.getByRole('button', { name: 'Stop talking' }).waitFor();

    // Then both pages receive real audio
    await expectAudioBothWays([a, p]);

    // When Ana hangs up, the phone's call ends
    await a.getByTestId('call-hangup').click();
    await expect.poll(() => a.getByTestId('call-status').textContent(), poll).toMatch(/^Call ended · \d+:\d\d$/);
    await expect.poll(() => active.locator('.state').textContent(), poll).toBe('ended');
    await active.getByRole('button', { name: 'Stop talking' }).waitFor({ state: 'detached' });
  });
});
