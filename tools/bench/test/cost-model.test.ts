import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEARTBEAT_MS } from '../../../clients/web/src/lib/heartbeat.ts';
import { PRESENCE_BATCH } from '../../../clients/web/src/lib/people-store.ts';
import { DEFAULT_SETTINGS } from '../../../services/calling/src/domain/model.ts';
import { prefixesOf } from '../../../services/messaging/src/domain/search-text.ts';
import { ATTENDEE_MINUTE, fromMicros } from '../../../shared/domain/src/prices.ts';
import {
  callsOf,
  callsPerMonth,
  forwardedMeetingEvents,
  LOG_PAGE,
  mediaOf,
  SWEEPS_PER_MONTH,
  withCalls,
} from '../src/cost-calls.ts';
import {
  AUTHORIZER_SHARE,
  alarmMetrics,
  CUSTOM_METRICS,
  costPerUser,
  DEFAULT_PROFILE,
  estimate,
  FAN_OUT_LOG_KB,
  fanOutMetricsLine,
  fixedMonthlyUsd,
  LOG_KB_PER_INVOCATION,
  monthOf,
  prefixesPerMessage,
  priceOps,
  SAMPLE_MESSAGES,
  sampledTraces,
  usersToMeet,
  withFreeTier,
} from '../src/cost-model.ts';
import { ALWAYS_FREE, PRICES } from '../src/cost-prices.ts';

describe('the cost model', () => {
  it('prices a message by its DynamoDB writes: one more member is one more frame and one more connection read, no write (ADR 0023)', () => {
    const small = estimate({ ...DEFAULT_PROFILE, membersPerConversation: 3 });
    const larger = estimate({ ...DEFAULT_PROFILE, membersPerConversation: 4 });
    const send = (e: ReturnType<typeof estimate>) => e.lines.find((l) => l.name === 'send a message')?.usd ?? 0;
    const messages = DEFAULT_PROFILE.workdays * DEFAULT_PROFILE.messagesPerDay;
    const perExtraMember = PRICES.webSocketMessage.usd + PRICES.dynamoRead.usd; // frame, connection read (strongly consistent)
    expect((send(larger) - send(small)) / messages).toBeCloseTo(perExtraMember, 12);
  });

  it('doubles what scales with use when use doubles, and leaves connection minutes alone', () => {
    const base = estimate(DEFAULT_PROFILE);
    const busy = estimate({ ...DEFAULT_PROFILE, messagesPerDay: 2 * DEFAULT_PROFILE.messagesPerDay });
    const line = (e: ReturnType<typeof estimate>, name: string) => e.lines.find((l) => l.name === name)?.usd ?? 0;
    expect(line(busy, 'send a message')).toBeCloseTo(2 * line(base, 'send a message'), 12);
    expect(line(busy, 'index a message for search')).toBeCloseTo(2 * line(base, 'index a message for search'), 12);
    expect(line(busy, 'connection minutes')).toBeCloseTo(line(base, 'connection minutes'), 15);
  });

  it('prices presence asks per ask and per 50 people asked: the web client no longer polls it (ADR 0034)', () => {
    const line = (p: typeof DEFAULT_PROFILE) =>
      estimate(p).lines.find((l) => l.name === 'refresh presence (reconnect, tab shown)');
    const base = line(DEFAULT_PROFILE);
    expect(base?.times).toBe(DEFAULT_PROFILE.workdays * DEFAULT_PROFILE.presenceRefreshesPerDay);
    const twice = line({ ...DEFAULT_PROFILE, presenceRefreshesPerDay: 2 * DEFAULT_PROFILE.presenceRefreshesPerDay });
    expect(twice?.usd ?? 0).toBeCloseTo(2 * (base?.usd ?? 0), 12);
    // past the client's batch of ids a refresh is a second request
    const more = line({ ...DEFAULT_PROFILE, peopleKnown: PRESENCE_BATCH + 1 });
    const httpPart = PRICES.httpApiRequest.usd * (base?.times ?? 0);
    expect((more?.usd ?? 0) - (base?.usd ?? 0)).toBeGreaterThan(httpPart);
    // opening a chat asks for its members only: cheaper than a refresh of everyone
    const chat = estimate(DEFAULT_PROFILE).lines.find((l) => l.name === "a chat's presence (chat opened)");
    expect((chat?.usd ?? 0) / (chat?.times ?? 1)).toBeLessThan((base?.usd ?? 0) / (base?.times ?? 1));
  });

  it('applies the region factor to every price', () => {
    expect(estimate(DEFAULT_PROFILE, undefined, 1.25).variableUsd).toBeCloseTo(
      1.25 * estimate(DEFAULT_PROFILE).variableUsd,
      12,
    );
  });

  it("bounds X-Ray's traces by its one-a-second reservoir plus 5 % of the rest", () => {
    const busySeconds = 21 * 8 * 3600;
    expect(sampledTraces(1000)).toBe(1000);
    expect(sampledTraces(busySeconds + 100_000)).toBeCloseTo(busySeconds + 5000, 6);
  });

  it("counts a trace for each authorizer invocation beside its route's (ADR 0031), and three for a reconnect", () => {
    const { ops } = monthOf(DEFAULT_PROFILE);
    const roots = (name: string) =>
      (ops.find((o) => o.name === name)?.usage ?? []).reduce((n, u) => n + (u.traceRoots ?? 0), 0);
    expect(roots('send a message')).toBeCloseTo(1 + AUTHORIZER_SHARE, 12);
    expect(roots('reconnect ($connect + $disconnect)')).toBe(3);
    expect(roots('typing')).toBe(1);
  });

  it('shares the fixed cost among the users: ten times the people, a tenth each', () => {
    const e = estimate(DEFAULT_PROFILE);
    const few = costPerUser(e, 100, 50);
    const many = costPerUser(e, 1000, 50);
    expect(few.fixedUsdPerUser).toBeCloseTo(fixedMonthlyUsd(50) / 100, 12);
    expect(many.fixedUsdPerUser).toBeCloseTo(few.fixedUsdPerUser / 10, 12);
    expect(many.perUser).toBeLessThan(few.perUser);
  });

  it("reads the levers from the code that sets them: the client's ping interval and the indexer's prefixes", () => {
    expect(DEFAULT_PROFILE.pingEveryMinutes * 60_000).toBe(HEARTBEAT_MS);
    const perMessage = SAMPLE_MESSAGES.map((t) => prefixesOf(t).length);
    expect(prefixesPerMessage()).toBeCloseTo(perMessage.reduce((a, b) => a + b, 0) / perMessage.length, 12);
    const index = estimate(DEFAULT_PROFILE).lines.find((l) => l.name === 'index a message for search');
    const messages = DEFAULT_PROFILE.workdays * DEFAULT_PROFILE.messagesPerDay;
    // one write per index entry and three besides (idempotency claim and completion, the manifest)
    expect(index?.usd ?? 0).toBeGreaterThan(messages * (prefixesPerMessage() + 3) * PRICES.dynamoWrite.usd);
  });

  it("removes the account's always-free allowances once, for the organisation, not once per user", () => {
    const e = estimate(DEFAULT_PROFILE);
    const users = 300;
    const alarms = 26;
    const org = (q: number) => q * users;
    // at 300 users Lambda's requests outgrow the allowance; its GB-s, the logs and CloudFront do not
    expect(org(e.quantities.lambdaRequest)).toBeGreaterThan(ALWAYS_FREE.lambdaRequest.quantity);
    expect(org(e.quantities.lambdaGbSecond)).toBeLessThan(ALWAYS_FREE.lambdaGbSecond.quantity);
    expect(org(e.quantities.logsIngestGb)).toBeLessThan(ALWAYS_FREE.logsIngestGb.quantity);
    expect(org(e.quantities.cloudFrontRequest)).toBeLessThan(ALWAYS_FREE.cloudFrontRequest.quantity);
    const removed =
      (1_000_000 * PRICES.lambdaRequest.usd +
        10 * PRICES.alarmMonth.usd +
        CUSTOM_METRICS.length * PRICES.customMetricMonth.usd +
        1 * PRICES.dashboardMonth.usd) /
        users +
      e.byPrice.lambdaGbSecond +
      e.byPrice.logsIngestGb +
      e.byPrice.cloudFrontRequest +
      e.byPrice.cloudFrontGb;
    const list = costPerUser(e, users, alarms).perUser;
    const free = withFreeTier(e, users, alarms);
    expect(free.listPerUser).toBe(list);
    expect(list - free.perUser).toBeCloseTo(removed, 12);
    // X-Ray's allowance is in the list price already, and not removed again
    expect(free.lines.map((l) => l.key)).not.toContain('xrayTrace');
    // with ten times the people, the fixed allowances are shared by ten times as many
    const many = withFreeTier(e, 10 * users, alarms);
    const line = (f: typeof free, key: string) => f.lines.find((l) => l.key === key)?.usdPerUser ?? 0;
    expect(line(many, 'alarmMonth')).toBeCloseTo(line(free, 'alarmMonth') / 10, 12);
    expect(line(many, 'lambdaRequest')).toBeCloseTo(line(free, 'lambdaRequest') / 10, 12);
  });

  it('counts the custom metrics the code publishes: every embedded-metric-format metric in the services', () => {
    const root = join(import.meta.dirname, '../../..');
    const published: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
          const text = readFileSync(path, 'utf8');
          if (!text.includes('CloudWatchMetrics')) continue;
          for (const m of text.matchAll(/Name: '(\w+)', Unit:/g)) published.push(m[1] as string);
        }
      }
    };
    for (const service of readdirSync(join(root, 'services'))) {
      const src = join(root, 'services', service, 'src');
      if (readdirSync(join(root, 'services', service)).includes('src')) walk(src);
    }
    expect(published.sort()).toEqual(CUSTOM_METRICS.map((m) => m.split(' ')[1]).sort());
    // each is billed a month: the fixed cost holds them beside the alarms, the dashboard and the secret
    expect(fixedMonthlyUsd(1) - fixedMonthlyUsd(0)).toBeCloseTo(PRICES.alarmMonth.usd, 12);
    expect(fixedMonthlyUsd(0)).toBeCloseTo(
      CUSTOM_METRICS.length * PRICES.customMetricMonth.usd + PRICES.dashboardMonth.usd + PRICES.secretMonth.usd,
      12,
    );
  });

  it("logs Lambda's own lines per invocation, and the fan-out its delivery and metrics lines besides", () => {
    // START, END and REPORT with its XRAY line: about a third of a KB, nothing of ours on a success
    expect(LOG_KB_PER_INVOCATION).toBeGreaterThan(0.3);
    expect(LOG_KB_PER_INVOCATION).toBeLessThan(0.4);
    const emf = JSON.parse(fanOutMetricsLine()) as { WebSocketPosts: number };
    expect(emf.WebSocketPosts).toBe(3);
    expect(FAN_OUT_LOG_KB).toBeGreaterThan(LOG_KB_PER_INVOCATION + 0.7 + 0.2);
    const send = monthOf(DEFAULT_PROFILE).ops.find((op) => op.name === 'send a message');
    const logged = (send?.usage ?? []).reduce((s, u) => s + (u.logKb ?? 0), 0);
    // the route, the authorizer when the cache lets it run, and the fan-out
    expect(logged).toBeCloseTo(LOG_KB_PER_INVOCATION * (1 + AUTHORIZER_SHARE) + FAN_OUT_LOG_KB, 12);
  });

  it('finds the fewest users from which the cost per user stays under the goal', () => {
    expect(usersToMeet(0.05, (n) => 0.04 + 3 / n, 1000)).toBe(301);
    expect(usersToMeet(0.05, () => 0.06, 1000)).toBeUndefined();
  });

  it('counts an alarm by the metrics CloudWatch bills it for: one, or each metric of a metric math alarm', () => {
    expect(alarmMetrics({ Type: 'AWS::CloudWatch::Alarm', Properties: {} })).toBe(1);
    const math = {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: { Metrics: [{ MetricStat: {} }, { MetricStat: {} }, {}] },
    };
    expect(alarmMetrics(math)).toBe(2);
  });
});

describe('the cost model with calls', () => {
  const line = (e: { lines: { name: string; usd: number }[] }, start: string) =>
    e.lines.find((l) => l.name.startsWith(start))?.usd ?? 0;

  it("prices the profile's calls as calls × minutes × attendees attendee-minutes at prices.ts's rate, audio or video alike", () => {
    const p = DEFAULT_PROFILE;
    expect(p.callsPerWeek).toBeGreaterThan(0);
    expect(callsPerMonth(p)).toBeCloseTo((p.callsPerWeek * p.workdays) / 5, 12);
    const media = mediaOf(p);
    const inCalls = media.lines[0];
    const attendeeMinutes = callsPerMonth(p) * p.callMinutes * p.callAttendees;
    expect(inCalls?.attendeeMinutes).toBeCloseTo(attendeeMinutes, 9);
    expect(PRICES.chimeAttendeeMinute.usd).toBe(fromMicros(ATTENDEE_MINUTE.unitPriceMicros));
    expect(PRICES.chimeAttendeeMinute.source).toBe(ATTENDEE_MINUTE.source);
    expect(inCalls?.usd).toBeCloseTo(attendeeMinutes * fromMicros(ATTENDEE_MINUTE.unitPriceMicros), 12);
    // the caller is billed from joining, while it rings; the callee from answering
    expect(media.attendeeMinutes).toBeCloseTo(attendeeMinutes + (callsPerMonth(p) * p.callAnswerSeconds) / 60, 9);
    // Chime SDK meetings have one rate for audio, video and screen share: video moves no media figure,
    // only its start and stop events on the bus (two per attendee)
    const allVideo = withCalls(estimate(p), { ...p, callVideoShare: 1 }, 300, 26);
    const noVideo = withCalls(estimate(p), { ...p, callVideoShare: 0 }, 300, 26);
    expect(allVideo.media.usd).toBe(noVideo.media.usd);
    expect(
      forwardedMeetingEvents({ ...p, callVideoShare: 1 }) - forwardedMeetingEvents({ ...p, callVideoShare: 0 }),
    ).toBe(2 * p.callAttendees);
    const perEvent = PRICES.eventBridgeEvent.usd + (1.5 / 1024 / 1024) * PRICES.eventBridgeArchiveGb.usd;
    expect(allVideo.signallingUsd - noVideo.signallingUsd).toBeCloseTo(
      callsPerMonth(p) * 2 * p.callAttendees * perEvent,
      9,
    );
    // and the region factor does not touch it (prices.ts has one rate for every media region)
    expect(withCalls(estimate(p, undefined, 1.25), p, 300, 26, 1.25).media.usd).toBe(media.usd);
  });

  it('leaves the chat total unchanged: with no calls only the ring sweep and its traces remain', () => {
    const noCalls = { ...DEFAULT_PROFILE, callsPerWeek: 0 };
    expect(estimate(noCalls)).toEqual(estimate(DEFAULT_PROFILE));
    const chat = costPerUser(estimate(DEFAULT_PROFILE), 300, 26).perUser;
    const none = withCalls(estimate(noCalls), noCalls, 300, 26);
    expect(none.chatPerUser).toBe(chat);
    expect(none.media.usd).toBe(0);
    expect(none.lines.every((l) => l.usd === 0)).toBe(true);
    expect(none.perUser - chat).toBeCloseTo(none.sweep.usd + none.xrayUsdPerUser, 12);
    const some = withCalls(estimate(DEFAULT_PROFILE), DEFAULT_PROFILE, 300, 26);
    expect(some.chatPerUser).toBe(chat);
    expect(some.perUser).toBeCloseTo(chat + some.signallingUsd + some.media.usd, 12);
  });

  it('counts what a call does from the code: a frame to each side, the ring timer asleep for the ring time, the sweep shared', () => {
    const p = DEFAULT_PROFILE;
    const calls = callsPerMonth(p);
    const e = priceOpsOf(p);
    // frames: CallRinging to the callee, CallAnswered and CallEnded to both
    expect(e.quantities.webSocketMessage / calls).toBeCloseTo(1 + 2 * p.callAttendees, 9);
    // HTTP: place, answer, hang up, and each side's call log reloaded on CallEnded
    expect(e.quantities.httpApiRequest / calls).toBeCloseTo(3 + p.callAttendees, 9);
    // the ring timer: 128 MB for the default ring time, answered or not
    const ringGbS = (128 / 1024) * DEFAULT_SETTINGS.ringTimeoutSeconds;
    expect(line(e, 'ring timer')).toBeGreaterThan(calls * ringGbS * PRICES.lambdaGbSecond.usd);
    // the sweep runs every minute for the organisation: ten times the people, a tenth each
    const few = withCalls(estimate(p), p, 100, 26);
    const many = withCalls(estimate(p), p, 1000, 26);
    expect(few.sweep.times).toBe(SWEEPS_PER_MONTH / 100);
    expect(many.sweep.usd).toBeCloseTo(few.sweep.usd / 10, 12);
    // the call log's page is the web client's
    const callLog = readFileSync(join(import.meta.dirname, '../../../clients/web/src/lib/call-log.ts'), 'utf8');
    expect(callLog).toContain(`export const LOG_PAGE = ${LOG_PAGE};`);
  });

  it('prints the chat total against the goal, then the calls: signalling, media and the total with calls', () => {
    const root = join(import.meta.dirname, '../../..');
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'tools/bench/cost.ts', '--alarms', '26'], {
      cwd: root,
      encoding: 'utf8',
    });
    const chatAt = out.indexOf('goal < $0.05');
    const callsAt = out.indexOf('With calls:');
    expect(chatAt).toBeGreaterThan(0);
    expect(callsAt).toBeGreaterThan(chatAt);
    const section = out.slice(callsAt);
    for (const name of ['**signalling**', '**media**', '**total with calls**', 'PSTN minutes are not in it']) {
      expect(section).toContain(name);
    }
  }, 30_000);
});

function priceOpsOf(profile: typeof DEFAULT_PROFILE) {
  return priceOps(callsOf(profile));
}
