/**
 * `npm run cost [-- --users 300 --region-factor 1.25 --from bench-messaging.json --alarms N]`
 *
 * The platform's cost per active chat user-month: the operations of a stated usage profile
 * (cost-model.ts), each with what it consumes (DynamoDB request units from the messaging benchmark's
 * measured requests, Lambda invocations and GB-s, API Gateway requests, WebSocket messages and
 * connection minutes, EventBridge events, logs, traces), times AWS's list prices (cost-prices.ts),
 * plus what the organisation pays whatever its use (alarms counted in the packaged templates, the
 * dashboard, the secret), shared among `--users`; then a second total with the account's always-free
 * tier (ALWAYS_FREE: the allowances it covers, removed at list price). Then, apart from that chat total
 * (the goal is for chat users), the profile's app calls (cost-calls.ts): their signalling and their
 * media (Chime SDK attendee-minutes) per user-month, and the total with them. PSTN minutes and SMS are
 * not in it: the usage ledger prices those per act. Method and result: docs/cost.md.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { withCalls } from './cost-calls.ts';
import {
  alarmMetrics,
  CUSTOM_METRICS,
  costPerUser,
  DEFAULT_PROFILE,
  estimate,
  MEASURED_SEND,
  type MeasuredSend,
  type PackagedResource,
  prefixesPerMessage,
  usersToMeet,
  withFreeTier,
} from './cost-model.ts';
import { ALWAYS_FREE, PRICES } from './cost-prices.ts';

const GOAL_USD = 0.05;
const root = join(import.meta.dirname, '..', '..', '..');

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '300' },
    'region-factor': { type: 'string', default: '1' },
    from: { type: 'string' },
    alarms: { type: 'string' },
  },
});
const users = Number(values.users);
const regionFactor = Number(values['region-factor']);
if (!(users >= 1) || !(regionFactor > 0)) {
  console.error('usage: npm run cost -- [--users 300] [--region-factor 1] [--from bench.json] [--alarms N]');
  process.exit(2);
}

/** The DynamoDB requests per message of a `bench:messaging --out` file (its first row), by service. */
function measuredFrom(file: string): MeasuredSend {
  const run = JSON.parse(readFileSync(file, 'utf8')) as {
    messages: number;
    groupSize: number;
    rows: { dynamodb?: { byService: Record<string, number> } }[];
  };
  const counted = run.rows.find((r) => r.dynamodb)?.dynamodb;
  if (!counted) throw new Error(`${file} has no DynamoDB counts (was it run with --url?)`);
  const per = (service: string) => (counted.byService[service] ?? 0) / run.messages;
  return {
    messagingRequests: per('messaging'),
    notificationsRequests: per('notifications'),
    identityRequests: per('identity'),
    groupSize: run.groupSize,
  };
}

/**
 * The alarm metrics in the packaged templates (`npm run package`), or undefined if none are packaged:
 * CloudWatch bills an alarm per metric it evaluates, so a metric math alarm counts its metrics.
 */
function packagedAlarms(): number | undefined {
  let count = 0;
  let packaged = false;
  for (const service of readdirSync(join(root, 'services'))) {
    const file = join(root, 'services', service, '.serverless', 'cloudformation-template-update-stack.json');
    if (!existsSync(file)) continue;
    packaged = true;
    const resources = JSON.parse(readFileSync(file, 'utf8')).Resources as Record<string, PackagedResource>;
    count += Object.values(resources)
      .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
      .reduce((n, r) => n + alarmMetrics(r), 0);
  }
  return packaged ? count : undefined;
}

const measured = values.from ? measuredFrom(values.from) : MEASURED_SEND;
const alarms = values.alarms ? Number(values.alarms) : packagedAlarms();
if (alarms === undefined) {
  console.error('no packaged templates to count alarms in: run `npm run package` first, or pass --alarms N');
  process.exit(2);
}
const e = estimate(DEFAULT_PROFILE, measured, regionFactor);
const total = costPerUser(e, users, alarms, regionFactor);
const free = withFreeTier(e, users, alarms, regionFactor);
const listFrom = usersToMeet(GOAL_USD, (n) => costPerUser(e, n, alarms, regionFactor).perUser);
const freeFrom = usersToMeet(GOAL_USD, (n) => withFreeTier(e, n, alarms, regionFactor).perUser);
const count = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
const meets = (perUser: number, from: number | undefined) =>
  `${perUser < GOAL_USD ? 'yes' : 'no'} (under $${GOAL_USD} from ${from === undefined ? 'no size up to 100,000' : `${from.toLocaleString('en-US')} users`})`;
const usd = (n: number) => `$${n < 0.01 ? n.toFixed(5) : n.toFixed(4)}`;
const share = (n: number) => `${((100 * n) / total.perUser).toFixed(0)} %`;

const out: string[] = [];
out.push(
  `Platform cost per active chat user-month, organisation of ${users}, prices × ${regionFactor} (US East list prices ${PRICES.dynamoWrite.asOf})`,
  '',
  '| operation | times a month | USD per user-month | share |',
  '|---|---|---|---|',
);
for (const line of e.lines) out.push(`| ${line.name} | ${line.times} | ${usd(line.usd)} | ${share(line.usd)} |`);
out.push(
  `| X-Ray traces (${Math.round(total.traces)} sampled a month for the organisation, 100,000 free) | | ${usd(total.xrayUsdPerUser)} | ${share(total.xrayUsdPerUser)} |`,
  `| fixed: ${alarms} alarm metrics, ${CUSTOM_METRICS.length} custom metrics, 1 dashboard, 1 secret, shared by ${users} | | ${usd(total.fixedUsdPerUser)} | ${share(total.fixedUsdPerUser)} |`,
  `| **total** | | **${usd(total.perUser)}** | goal < $${GOAL_USD} |`,
  '',
  '| AWS price | USD per user-month |',
  '|---|---|',
);
for (const [key, value] of Object.entries(e.byPrice)
  .filter(([, v]) => v > 0)
  .sort(([, a], [, b]) => b - a)) {
  out.push(`| ${key} (${PRICES[key as keyof typeof PRICES].per}) | ${usd(value)} |`);
}
out.push(
  '',
  `With the account's always-free tier (monthly, per account, never expiring; ${ALWAYS_FREE.lambdaRequest.source}, ${ALWAYS_FREE.lambdaRequest.asOf}; API Gateway and S3 offer only 12 months: not included)`,
  '',
  '| always-free allowance | organisation uses a month | covered | removed per user-month |',
  '|---|---|---|---|',
);
for (const line of free.lines) {
  out.push(
    `| ${count(line.allowance)} ${ALWAYS_FREE[line.key].per} | ${count(line.used)} | ${count(line.free)} | ${usd(line.usdPerUser)} |`,
  );
}
out.push(
  `| ${count(ALWAYS_FREE.xrayTrace.quantity)} ${ALWAYS_FREE.xrayTrace.per} | | | – |`,
  `| **total with the always-free tier** | | | **${usd(free.perUser)}** (list price ${usd(free.listPerUser)}, goal < $${GOAL_USD}) |`,
  '',
  `DynamoDB requests per message used: messaging ${measured.messagingRequests.toFixed(1)}, notifications ${measured.notificationsRequests.toFixed(1)}, identity ${measured.identityRequests.toFixed(1)} (groups of ${measured.groupSize}${values.from ? `, from ${values.from}` : ', docs/benchmarks.md'})`,
  `Search index entries per message: ${prefixesPerMessage().toFixed(1)} (the indexer's prefixesOf on the model's sample); pings every ${DEFAULT_PROFILE.pingEveryMinutes} minutes`,
  `Within the goal at list price: ${meets(total.perUser, listFrom)}`,
  `Within the goal with the always-free tier: ${meets(free.perUser, freeFrom)}`,
);

const p = DEFAULT_PROFILE;
const calls = withCalls(e, p, users, alarms, regionFactor, measured);
const perCall = (n: number) => `$${n.toPrecision(2)}`;
out.push(
  '',
  `With calls: ${count(calls.calls)} app calls placed a month (${p.callsPerWeek} a week, ${p.callMinutes} minutes, ${p.callAttendees} people, ${Math.round(100 * p.callVideoShare)} % with video), each charged to its caller; PSTN minutes are not in it`,
  '',
  '| calls: operation | times a month | USD per call | USD per user-month |',
  '|---|---|---|---|',
);
for (const line of calls.lines) {
  out.push(`| ${line.name} | ${count(line.times)} | ${perCall(line.usd / calls.calls)} | ${usd(line.usd)} |`);
}
out.push(
  `| ${calls.sweep.name} | | | ${usd(calls.sweep.usd)} |`,
  `| X-Ray traces the calls add | | | ${usd(calls.xrayUsdPerUser)} |`,
  `| **signalling** (the platform's cost of the calls) | | ${perCall(calls.signallingUsd / calls.calls)} | **${usd(calls.signallingUsd)}** |`,
);
for (const line of calls.media.lines) {
  out.push(
    `| media: ${line.name} | ${count(line.attendeeMinutes)} attendee-minutes | ${perCall(line.usd / calls.calls)} | ${usd(line.usd)} |`,
  );
}
out.push(
  `| **media** (Chime SDK meetings: $${PRICES.chimeAttendeeMinute.usd} an attendee-minute, audio or video alike; ${PRICES.chimeAttendeeMinute.source}, ${PRICES.chimeAttendeeMinute.asOf}) | | ${perCall(calls.media.usd / calls.calls)} | **${usd(calls.media.usd)}** |`,
  `| chat total (above) | | | ${usd(calls.chatPerUser)} |`,
  `| **total with calls** | | | **${usd(calls.perUser)}** |`,
  '',
  "| AWS price (the calls' signalling) | USD per user-month |",
  '|---|---|',
);
for (const [key, value] of Object.entries(calls.byPrice)
  .filter(([, v]) => v > 0)
  .sort(([, a], [, b]) => b - a)) {
  out.push(`| ${key} | ${usd(value)} |`);
}
out.push(
  '',
  `Total with calls and the always-free tier: ${usd(calls.withFreeTier)} (the chat's ${usd(free.perUser)}; ALWAYS_FREE has no Chime SDK allowance)`,
);
console.log(out.join('\n'));
