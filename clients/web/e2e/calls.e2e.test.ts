import type {} from '@parley/testing/devstack-info';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildWebIfStale } from '../build-if-stale.ts';
import { axeViolations, DESKTOP, launch, mediaPage, PHONE, person, SLOW, screenshot, signUp } from './support.ts';

const { url } = inject('devstack');
const poll = { timeout: SLOW, interval: 250 };

/** Chromium's fake camera (a moving pattern) and microphone (a beep), allowed without a prompt, over loopback. */
const FAKE_MEDIA = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

interface Received {
  audioPackets: number;
  audioLevel: number;
  videoFrames: number;
  audioSent: number;
}

/**
 * What this page's peer connections received and sent, from `getStats()`. The page keeps its
 * connections on `window.__peers` (an init script wraps RTCPeerConnection; the app has no test hook).
 */
async function received(page: Page): Promise<Received> {
  return page.evaluate(async () => {
    const peers = (window as unknown as { __peers?: RTCPeerConnection[] }).__peers ?? [];
    const out = { audioPackets: 0, audioLevel: 0, videoFrames: 0, audioSent: 0 };
    for (const pc of peers) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      // biome-ignore lint/suspicious/noExplicitAny: stats entries read by name
      report.forEach((s: any) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') {
          out.audioPackets += s.packetsReceived ?? 0;
          out.audioLevel = Math.max(out.audioLevel, s.audioLevel ?? 0);
        }
        if (s.type === 'inbound-rtp' && s.kind === 'video') out.videoFrames += s.framesDecoded ?? 0;
        if (s.type === 'outbound-rtp' && s.kind === 'audio') out.audioSent += s.packetsSent ?? 0;
      });
    }
    return out;
  });
}

describe('calls in the browser against devstack', () => {
  let browser: Browser;
  const ada = person('Ada');
  const bob = person('Bob');
  let a: Page;
  let b: Page;

  beforeAll(async () => {
    await buildWebIfStale();
    browser = await launch(FAKE_MEDIA);
    a = await mediaPage(browser, url);
    b = await mediaPage(browser, url);
    await signUp(a, ada);
    await signUp(b, bob);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('Ada video-calls Bob, who answers: both receive real audio and video', { timeout: 240_000 }, async () => {
    // Given Ada finds Bob in People
    await a.getByTestId('nav-people').click();
    await a.getByTestId('directory-search').fill(bob.name);

    // When she video-calls him
    await a.getByRole('button', { name: `Video call ${bob.name}` }).click();

    // Then she hears ringback ("Calling …") and Bob's browser rings with her name
    await expect.poll(() => a.getByTestId('call-status').textContent(), poll).toBe(`Calling ${bob.name}…`);
    const panel = b.getByRole('alertdialog');
    await panel.waitFor();
    expect(await panel.getByTestId('ringing-name').textContent()).toBe(`${ada.name} is calling…`);
    expect(await axeViolations(b)).toEqual([]);
    await screenshot(b, 'call-ringing-desktop');

    // When Bob answers with video
    await panel.getByRole('button', { name: 'Answer with video' }).click();

    // Then both are in the call, the timer running
    for (const page of [a, b]) {
      await expect.poll(() => page.getByTestId('call-status').textContent(), poll).toMatch(/^\d+:\d\d$/);
    }

    // And each side receives real media: audio packets with sound in them, and decoded video frames, rising
    for (const page of [a, b]) {
      const first = await received(page);
      await expect
        .poll(async () => {
          const now = await received(page);
          return now.audioPackets > first.audioPackets && now.videoFrames > first.videoFrames && now.videoFrames > 0;
        }, poll)
        .toBe(true);
      await expect.poll(async () => (await received(page)).audioLevel, poll).toBeGreaterThan(0);
    }

    // Screenshots of the call in progress, desktop and phone
    await a
      .getByTestId('remote-video')
      .evaluate(
        (v: HTMLVideoElement) =>
          v.readyState >= 2 || new Promise((r) => v.addEventListener('loadeddata', r, { once: true })),
      );
    expect(await axeViolations(a)).toEqual([]);
    await screenshot(a, 'call-desktop');
    await b.setViewportSize(PHONE);
    await screenshot(b, 'call-phone');
    await b.setViewportSize(DESKTOP);
  });

  it('Ada mutes: her audio stops reaching Bob and he sees she is muted', { timeout: 120_000 }, async () => {
    // When Ada mutes
    await a.getByTestId('call-mute').click();

    // Then Bob sees it
    await b.getByTestId('remote-muted').waitFor();
    expect(await b.getByTestId('remote-muted').textContent()).toBe(`${ada.name} is muted`);

    // And her outbound audio stops: while 60 more video frames arrive at Bob, almost no audio packets do
    const sentAtMute = (await received(a)).audioSent;
    const atMute = await received(b);
    await expect.poll(async () => (await received(b)).videoFrames - atMute.videoFrames, poll).toBeGreaterThan(60);
    const after = await received(b);
    expect(after.audioPackets - atMute.audioPackets).toBeLessThan(10);
    expect((await received(a)).audioSent - sentAtMute).toBeLessThan(10);
  });

  it('a network drop on Ada’s side does not end the call', { timeout: 120_000 }, async () => {
    // Given the call in progress; when Ada's browser goes offline and comes back
    await a.context().setOffline(true);
    await a.evaluate(() => window.dispatchEvent(new Event('offline')));
    await a.context().setOffline(false);
    await a.evaluate(() => window.dispatchEvent(new Event('online')));

    // Then both are still in the call, and Bob keeps receiving her video
    const before = await received(b);
    await expect.poll(async () => (await received(b)).videoFrames - before.videoFrames, poll).toBeGreaterThan(30);
    for (const page of [a, b]) expect(await page.getByTestId('call-status').textContent()).toMatch(/^\d+:\d\d$/);
  });

  it('Ada hangs up: both see the call ended with its length, and it is in the call log', {
    timeout: 120_000,
  }, async () => {
    // When Ada hangs up
    await a.getByTestId('call-hangup').click();

    // Then both say how it ended
    for (const page of [a, b]) {
      await expect.poll(() => page.getByTestId('call-status').textContent(), poll).toMatch(/^Call ended · \d+:\d\d$/);
    }

    // When Bob closes it and opens Calls
    await b.getByRole('button', { name: 'Close' }).click();
    await b.getByTestId('nav-calls').click();

    // Then the call is in his log, incoming with its length, and a call-back button
    const row = b.getByTestId('call-row').first();
    await expect.poll(() => row.textContent(), poll).toMatch(/Incoming · \d+:\d\d/);
    expect(await row.getByRole('button', { name: `Call ${ada.name}`, exact: true }).isVisible()).toBe(true);
    expect(await axeViolations(b)).toEqual([]);
    await screenshot(b, 'calls-desktop');
  });
});
