/**
 * `bench:calling --media`: app calls between real web client pages in headless Chromium, timed
 * from the pages' side, and the WebRTC floor measured in the same run. See docs/benchmarks.md.
 */
import type { Browser, Page } from 'playwright-core';
import {
  floorPage,
  launchChromium,
  newPerson,
  type Person,
  type Probe,
  probedPage,
  SLOW,
  signUp,
} from './media-browser.ts';
import { type LatencySummary, ratios, summarise } from './stats.ts';

export const MEDIA_LEGS = ['place', 'ring', 'media', 'hangup'] as const;
export type MediaLeg = (typeof MEDIA_LEGS)[number];
export type MediaSample = Record<MediaLeg, number>;

interface Side {
  who: Person;
  page: Page;
}

const clickedAt = (page: Page) => page.evaluate(() => (globalThis as unknown as Probe).__bench.lastClickAt());

/**
 * One call, every moment read where the person would see it: **place** the click on "Call …" →
 * the page's POST /calling/calls answered; **ring** the click → the callee's ringing panel;
 * **media** the click on Answer → both pages' getStats() show inbound audio packets > 0;
 * **hangup** the click on Hang up → both pages say the call ended. Then both close the call screen.
 */
export async function mediaCall(caller: Side, callee: Side): Promise<MediaSample> {
  await Promise.all([
    caller.page.evaluate(() => (globalThis as unknown as Probe).__bench.reset()),
    callee.page.evaluate(() => (globalThis as unknown as Probe).__bench.reset()),
  ]);
  const placed = caller.page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/calling/calls',
  );
  await caller.page.getByRole('button', { name: `Call ${callee.who.name}`, exact: true }).click();
  const t0 = await clickedAt(caller.page);
  const response = await placed;
  const tPlaced = Date.now();
  if (response.status() !== 201) throw new Error(`POST /calling/calls answered ${response.status()}`);
  const panel = callee.page.getByRole('alertdialog');
  await panel.waitFor();
  const tRang = Date.now();

  const media = [caller.page, callee.page].map((page) =>
    page.evaluate((ms) => (globalThis as unknown as Probe).__bench.inboundAudioAt(ms), SLOW),
  );
  await panel.getByRole('button', { name: 'Answer', exact: true }).click();
  const [atCaller, atCallee] = await Promise.all(media);
  const tAnswer = await clickedAt(callee.page);

  await caller.page.getByTestId('call-hangup').click();
  const tHangup = await clickedAt(caller.page);
  await Promise.all(
    [caller.page, callee.page].map((page) =>
      page
        .getByTestId('call-status')
        .filter({ hasText: /^Call ended/ })
        .waitFor(),
    ),
  );
  const tEnded = Date.now();
  for (const page of [caller.page, callee.page]) await page.getByRole('button', { name: 'Close' }).click();
  return {
    place: tPlaced - t0,
    ring: tRang - t0,
    media: Math.max(atCaller as number, atCallee as number) - tAnswer,
    hangup: tEnded - tHangup,
  };
}

/** One floor sample: two peer connections in one page, connected directly (ms until both have inbound audio). */
export async function floorSample(page: Page): Promise<number> {
  const { startedAt, mediaAt } = await page.evaluate((ms) => (globalThis as unknown as Probe).__bench.floor(ms), SLOW);
  return mediaAt - startedAt;
}

export interface MediaRun {
  calls: number;
  pairs: number;
  seconds: number;
  legs: Record<MediaLeg, LatencySummary>;
  floor: LatencySummary;
}

async function pair(browser: Browser, origin: string, tag: string, n: number): Promise<[Side, Side]> {
  const sides: Side[] = [];
  for (const first of ['Caller', 'Callee']) {
    const who = newPerson(first, tag, n);
    const page = await probedPage(browser, origin);
    await signUp(page, who);
    sides.push({ who, page });
  }
  const [caller, callee] = sides as [Side, Side];
  await caller.page.getByTestId('nav-people').click();
  await caller.page.getByTestId('directory-search').fill(callee.who.name);
  await caller.page.getByRole('button', { name: `Call ${callee.who.name}`, exact: true }).waitFor();
  return [caller, callee];
}

/**
 * `pairs` pairs call each other, `calls` measured calls in all, after one warm-up call per pair
 * and two warm-up floor samples; one floor sample follows each measured call (interleaved, so both
 * see the same machine), one at a time through the single floor page.
 * `onMeasuredStart` runs where the measured window starts (the DynamoDB counters' "before").
 */
export async function runMediaBench(options: {
  origin: string;
  calls: number;
  pairs: number;
  tag: string;
  log: (text: string) => void;
  onMeasuredStart?: () => void;
}): Promise<MediaRun> {
  const { origin, calls, tag, log } = options;
  const browser = await launchChromium();
  try {
    const floor = await floorPage(browser);
    const pairs: [Side, Side][] = [];
    for (let i = 0; i < options.pairs; i++) pairs.push(await pair(browser, origin, tag, i));
    log(`${pairs.length} pair(s) signed up in Chromium; warming up…`);
    await Promise.all(pairs.map(([a, b]) => mediaCall(a, b)));
    for (let i = 0; i < 2; i++) await floorSample(floor.page);
    options.onMeasuredStart?.();
    const samples: MediaSample[] = [];
    const floorSamples: number[] = [];
    let floorQueue = Promise.resolve();
    let next = 0;
    const started = performance.now();
    await Promise.all(
      pairs.map(async ([a, b]) => {
        while (next < calls) {
          next += 1;
          samples.push(await mediaCall(a, b));
          const turn = floorQueue.then(async () => {
            floorSamples.push(await floorSample(floor.page));
          });
          floorQueue = turn;
          await turn;
          if (samples.length % 10 === 0) log(`${samples.length}/${calls} calls`);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await floor.close();
    const legs = Object.fromEntries(MEDIA_LEGS.map((leg) => [leg, summarise(samples.map((s) => s[leg]))])) as Record<
      MediaLeg,
      LatencySummary
    >;
    return { calls: samples.length, pairs: pairs.length, seconds, legs, floor: summarise(floorSamples) };
  } finally {
    await browser.close();
  }
}

const LABELS: Record<MediaLeg, string> = {
  place: 'place (click Call → POST answered)',
  ring: 'ring (click Call → callee rings)',
  media: '**answer → both sides have media**',
  hangup: 'hangup (click → both ended)',
};

/** The run as a markdown table: the legs, the floor, and media setup as multiples of the floor. */
export function mediaTable(run: MediaRun): string[] {
  const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '–');
  const x = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)}×` : '–');
  const row = (label: string, s: Omit<LatencySummary, 'count'>, f: (n: number) => string) =>
    `| ${label} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.p99)} | ${f(s.max)} |`;
  return [
    '| leg | p50 ms | p95 ms | p99 ms | max ms |',
    '|---|---|---|---|---|',
    ...MEDIA_LEGS.map((leg) => row(LABELS[leg], run.legs[leg], ms)),
    row('floor: two peer connections in one page', run.floor, ms),
    row('**media ÷ floor**', ratios(run.legs.media, run.floor), x),
  ];
}
