import { describe, expect, it } from 'vitest';
import { HEARTBEAT_MS } from '../../../clients/web/src/lib/heartbeat.ts';
import { prefixesOf } from '../../../services/messaging/src/domain/search-text.ts';
import {
  alarmMetrics,
  costPerUser,
  DEFAULT_PROFILE,
  estimate,
  fixedMonthlyUsd,
  prefixesPerMessage,
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
    const perExtraMember = PRICES.webSocketMessage.usd + 0.5 * PRICES.dynamoRead.usd; // frame, connection read
    expect((send(larger) - send(small)) / messages).toBeCloseTo(perExtraMember, 12);
  });

  it('doubles what scales with use when use doubles, and leaves connection minutes alone', () => {
    const base = estimate(DEFAULT_PROFILE);
    const busy = estimate({ ...DEFAULT_PROFILE, messagesPerDay: 2 * DEFAULT_PROFILE.messagesPerDay });
    const line = (e: ReturnType<typeof estimate>, name: string) => e.lines.find((l) => l.name === name)?.usd ?? 0;
    expect(line(busy, 'send a message')).toBeCloseTo(2 * line(base, 'send a message'), 12);
    expect(line(busy, 'index a message for search')).toBeCloseTo(2 * line(base, 'index a message for search'), 12);
    expect(line(busy, 'connection minutes')).toBe(line(base, 'connection minutes'));
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
      (1_000_000 * PRICES.lambdaRequest.usd + 10 * PRICES.alarmMonth.usd + 1 * PRICES.dashboardMonth.usd) / users +
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
