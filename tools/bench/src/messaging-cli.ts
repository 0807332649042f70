/**
 * `npm run bench:messaging [-- --users 10,100,500 --messages 200 --concurrency 4 --group-size 10 --order spread|in-turn --url <origin> --out <file> --profile --cpu-profile --in-memory]`
 *
 * K connected users on devstack send messages to their groups; every other member must receive each
 * one over the WebSocket. Reports send-to-deliver latency (p50/p95/p99), messages per second and
 * DynamoDB requests per message, beside a bare `ws` server doing the same fan-out on the same machine
 * in the same run (the floor). Without --url it boots a private devstack whose processes count their
 * DynamoDB requests; with --url it uses a running one and cannot count them.
 * Method and figures: docs/benchmarks.md.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Running, readCounts, startDevstack, startFloor } from './processes.ts';
import { profileReport, readProfile } from './profile-report.ts';
import { diffCounts } from './stats.ts';
import { floorTarget, type PhaseResult, parleyTarget, runPhase } from './workload.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '10,100,500' },
    messages: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '4' },
    'group-size': { type: 'string', default: '10' },
    order: { type: 'string', default: 'spread' },
    url: { type: 'string' },
    out: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'in-memory': { type: 'boolean', default: false },
    'cpu-profile': { type: 'boolean', default: false },
  },
});

const sizes = (values.users ?? '')
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n >= 2);
const messages = Number(values.messages);
const concurrency = Number(values.concurrency);
const groupSize = Number(values['group-size']);
const order = values.order as 'spread' | 'in-turn';
if (
  sizes.length === 0 ||
  !(messages > 0) ||
  !(concurrency > 0) ||
  !(groupSize >= 2) ||
  !['spread', 'in-turn'].includes(order)
) {
  console.error(
    'usage: npm run bench:messaging -- [--users 10,100,500] [--messages 200] [--concurrency 4] [--group-size 10] [--order spread|in-turn] [--url http://localhost:3000] [--out results.json] [--profile] [--cpu-profile] [--in-memory]',
  );
  process.exit(2);
}

const log = (text: string) => process.stderr.write(`[bench] ${text}\n`);
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const ratio = (a: number, b: number) =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}×` : '–';
/** throughput as a fraction of the floor's: 1/40 = forty times fewer */
const fraction = (a: number, b: number) =>
  Number.isFinite(a) && Number.isFinite(b) && a > 0 ? `1/${(b / a).toFixed(0)}` : '–';

interface Row {
  parley: PhaseResult;
  floor: PhaseResult;
  dynamodb?: ReturnType<typeof diffCounts> & { perMessage: number };
}

async function main(): Promise<void> {
  const countDir = mkdtempSync(join(tmpdir(), 'parley-bench-counts-'));
  const profileDir =
    (values.profile || values['cpu-profile']) && !values.url
      ? mkdtempSync(join(tmpdir(), 'parley-bench-profile-'))
      : undefined;
  const profiles: string[] = [];
  const running: Running[] = [];
  const stopAll = () => Promise.all(running.map((r) => r.stop()));
  process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
  try {
    let origin = values.url;
    if (!origin) {
      log(
        `booting a private devstack (DynamoDB requests counted per process${values['in-memory'] ? ', DynamoDB Local in memory' : ''})…`,
      );
      const devstack = await startDevstack(countDir, {
        profileDir,
        cpuProfile: values['cpu-profile'],
        inMemory: values['in-memory'],
      });
      running.push(devstack);
      origin = devstack.url;
      log(`devstack log: ${devstack.log}`);
    }
    log(`parley at ${origin}`);
    const floor = await startFloor();
    running.push(floor);
    log(`floor at ${floor.url}`);
    const parley = parleyTarget(origin.replace(/\/$/, ''));
    const bare = floorTarget(floor.url);

    const rows: Row[] = [];
    for (const users of sizes) {
      const size = Math.min(groupSize, users);
      log(`K=${users}: floor…`);
      const floorResult = await runPhase(bare, { users, groupSize: size, messages, concurrency, order });
      log(`K=${users}: parley (registering users first, scrypt is slow on purpose)…`);
      let before: ReturnType<typeof readCounts> = {};
      let after: ReturnType<typeof readCounts> = {};
      let window = { from: 0, to: 0 };
      const parleyResult = await runPhase(parley, {
        users,
        groupSize: size,
        messages,
        concurrency,
        order,
        mark: async (when) => {
          // each process flushes its counters every 200 ms
          await new Promise((r) => setTimeout(r, 400));
          if (when === 'start') {
            before = readCounts(countDir);
            window = { from: Date.now(), to: 0 };
            if (profileDir && values['cpu-profile']) writeFileSync(join(profileDir, 'cpu-start'), '');
          } else {
            after = readCounts(countDir);
            window.to = Date.now();
            if (profileDir && values['cpu-profile']) writeFileSync(join(profileDir, 'cpu-stop'), '');
          }
        },
      });
      if (profileDir) {
        // the profiles flush every 500 ms
        await new Promise((r) => setTimeout(r, 1_000));
        profiles.push(
          `K=${users}, ${concurrency} in flight, groups of ${size} (profile in ${profileDir}):\n${profileReport(readProfile(profileDir, window.from, window.to), parleyResult.deliver.p50)}`,
        );
      }
      const counted = values.url ? undefined : diffCounts(before, after);
      rows.push({
        parley: parleyResult,
        floor: floorResult,
        ...(counted ? { dynamodb: { ...counted, perMessage: counted.total / messages } } : {}),
      });
      log(
        `K=${users}: parley p50 ${ms(parleyResult.deliver.p50)} ms, floor p50 ${ms(floorResult.deliver.p50)} ms, missing ${parleyResult.missing}, handshake retries ${parleyResult.reconnects}, sockets dropped ${parleyResult.dropped}`,
      );
    }
    print(rows);
    for (const profile of profiles) console.log(`\n${profile}`);
    if (values.out)
      writeFileSync(
        values.out,
        `${JSON.stringify({ at: new Date().toISOString(), messages, concurrency, groupSize, order, rows }, null, 2)}\n`,
      );
  } finally {
    await stopAll();
  }
}

function print(rows: Row[]): void {
  const lines = [
    '| K users | target | deliver p50 ms | p95 | p99 | send ack p50 ms | stored→delivered p50 ms | msgs/s | deliveries/s | missing | DynamoDB req/msg |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const row = (label: string, r: PhaseResult, dynamo: string) =>
    `| ${r.users} | ${label} | ${ms(r.deliver.p50)} | ${ms(r.deliver.p95)} | ${ms(r.deliver.p99)} | ${ms(r.ack.p50)} | ${ms(r.afterWrite.p50)} | ${r.messagesPerSecond.toFixed(1)} | ${r.deliveriesPerSecond.toFixed(0)} | ${r.missing} | ${dynamo} |`;
  for (const { parley, floor, dynamodb } of rows) {
    lines.push(
      row('floor (bare ws)', floor, '0'),
      row('parley (devstack)', parley, dynamodb ? dynamodb.perMessage.toFixed(1) : 'not counted'),
      `| ${parley.users} | parley ÷ floor | ${ratio(parley.deliver.p50, floor.deliver.p50)} | ${ratio(parley.deliver.p95, floor.deliver.p95)} | ${ratio(parley.deliver.p99, floor.deliver.p99)} | ${ratio(parley.ack.p50, floor.ack.p50)} | ${ratio(parley.afterWrite.p50, floor.afterWrite.p50)} | ${fraction(parley.messagesPerSecond, floor.messagesPerSecond)} | ${fraction(parley.deliveriesPerSecond, floor.deliveriesPerSecond)} | | |`,
    );
  }
  console.log(lines.join('\n'));
  for (const { parley, dynamodb } of rows) {
    if (!dynamodb) continue;
    const per = (n: number) => (n / parley.messages).toFixed(2);
    const services = Object.entries(dynamodb.byService).map(([s, n]) => `${s} ${per(n)}`);
    const operations = Object.entries(dynamodb.byOperation).map(([o, n]) => `${o} ${per(n)}`);
    console.log(
      `\nK=${parley.users} DynamoDB requests per message by service: ${services.join(', ')}; by operation: ${operations.join(', ')}`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
