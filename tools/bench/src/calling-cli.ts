// biome-ignore-all lint/suspicious/noExplicitAny: responses are read field by field
/**
 * `npm run bench:calling [-- --calls 50 --concurrency 1 --url <origin> --out <file>]`
 * `npm run bench:calling -- --no-media [--calls 40 --concurrency 4 …]`
 *
 * Default (`--media`): pairs of people are real web client pages in headless Debian Chromium with
 * fake microphones. Each call is placed with the Call button, rings, is answered with Answer, and is
 * timed until both pages' getStats() show inbound audio packets (answer → both sides have media),
 * then hung up; the floor, measured in the same run between calls, is two RTCPeerConnections in
 * one page connected directly. Reports p50/p95/p99/max and media setup ÷ the floor.
 *
 * `--no-media`: pairs of connected users place app calls through the same routes and frames as the
 * web client, no browser: POST /calling/calls → the callee's `calling.CallRinging` frame, answer →
 * the caller's `calling.CallAnswered`, hang up → the callee's `calling.CallEnded`. Reports each leg's
 * latency (p50/p95/p99).
 *
 * Either way, on a devstack the benchmark booted, DynamoDB requests per call.
 * Method and figures: docs/benchmarks.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RealtimeClient, websocketUrl } from '@parley/realtime/node-client';
import { mediaTable, runMediaBench } from './media-calls.ts';
import { type Running, readCounts, startDevstack } from './processes.ts';
import { diffCounts, type LatencySummary, summarise } from './stats.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const { values } = parseArgs({
  allowNegative: true,
  options: {
    media: { type: 'boolean', default: true },
    calls: { type: 'string' },
    concurrency: { type: 'string' },
    url: { type: 'string' },
    out: { type: 'string' },
  },
});
const calls = Number(values.calls ?? (values.media ? 50 : 40));
const concurrency = Number(values.concurrency ?? (values.media ? 1 : 4));
if (!(calls > 0) || !(concurrency > 0)) {
  console.error(
    'usage: npm run bench:calling -- [--no-media] [--calls 50|40] [--concurrency 1|4] [--url http://localhost:3000] [--out r.json]',
  );
  process.exit(2);
}
const log = (text: string) => process.stderr.write(`[bench] ${text}\n`);

interface Person {
  id: string;
  token: string;
  socket: RealtimeClient;
}

async function request(origin: string, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${origin}/api${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json().catch(() => ({}))) as Record<string, any>;
  return { status: res.status, body: json };
}

async function person(origin: string, tag: string, n: number): Promise<Person> {
  const { status, body } = await request(origin, 'POST', '/identity/auth/register', undefined, {
    email: `bench-call-${tag}-${n}@parley.test`,
    password: `bench-${tag}-password-${n}`,
    displayName: `Caller ${n}`,
  });
  if (status !== 201) throw new Error(`register answered ${status}`);
  const token = body.tokens.accessToken as string;
  return { id: body.user.id, token, socket: await RealtimeClient.connect(websocketUrl(origin), token) };
}

/** One call: place, ring, answer, hang up; the time of each leg in ms. */
async function oneCall(origin: string, caller: Person, callee: Person) {
  const t0 = performance.now();
  let placed = await request(origin, 'POST', '/calling/calls', caller.token, {
    to: { userId: callee.id },
    media: 'audio',
  });
  // calling's copy of a brand-new callee arrives through the bus a moment after registration
  while (placed.status === 404) {
    await new Promise((r) => setTimeout(r, 200));
    placed = await request(origin, 'POST', '/calling/calls', caller.token, {
      to: { userId: callee.id },
      media: 'audio',
    });
  }
  if (placed.status !== 201) throw new Error(`POST /calls answered ${placed.status}`);
  const callId = placed.body.call.id as string;
  const tPlaced = performance.now();
  const of = (type: string) => (f: { type: string; data: Record<string, unknown> }) =>
    f.type === type && f.data.callId === callId;
  await callee.socket.waitFor(of('calling.CallRinging'), 15_000);
  const tRang = performance.now();
  const answered = await request(origin, 'POST', `/calling/calls/${callId}/answer`, callee.token, {});
  if (answered.status !== 200) throw new Error(`answer answered ${answered.status}`);
  await caller.socket.waitFor(of('calling.CallAnswered'), 15_000);
  const tAnswered = performance.now();
  const ended = await request(origin, 'POST', `/calling/calls/${callId}/hangup`, caller.token);
  if (ended.status !== 200) throw new Error(`hangup answered ${ended.status}`);
  await callee.socket.waitFor(of('calling.CallEnded'), 15_000);
  const tEnded = performance.now();
  return { place: tPlaced - t0, ring: tRang - t0, answer: tAnswered - tRang, hangup: tEnded - tAnswered };
}

async function main(): Promise<void> {
  const countDir = mkdtempSync(join(tmpdir(), 'parley-bench-counts-'));
  const running: Running[] = [];
  try {
    let origin = values.url;
    if (!origin) {
      log('booting a private devstack (DynamoDB requests counted per process)…');
      const devstack = await startDevstack(countDir);
      running.push(devstack);
      origin = devstack.url;
      log(`devstack log: ${devstack.log}`);
    }
    origin = origin.replace(/\/$/, '');
    const tag = randomBytes(4).toString('hex');
    if (values.media) {
      let before = readCounts(countDir);
      const run = await runMediaBench({
        origin,
        calls,
        pairs: concurrency,
        tag,
        log,
        onMeasuredStart: () => {
          before = readCounts(countDir);
        },
      });
      const counts = values.url ? undefined : diffCounts(before, readCounts(countDir));
      const perCall = counts ? (counts.byService.calling ?? 0) / run.calls : undefined;
      console.log(
        `\n${run.calls} calls between web client pages in Chromium, ${run.pairs} pair(s) at a time, ${(run.calls / run.seconds).toFixed(2)} calls/s (${run.seconds.toFixed(0)} s)`,
      );
      for (const line of mediaTable(run)) console.log(line);
      if (counts)
        console.log(
          `\nDynamoDB requests per call (calling): ${perCall?.toFixed(1)}; by service: ${JSON.stringify(counts.byService)}; by operation: ${JSON.stringify(counts.byOperation)}`,
        );
      if (values.out)
        writeFileSync(values.out, `${JSON.stringify({ ...run, dynamodbPerCall: perCall, counts }, null, 2)}\n`);
      return;
    }
    const pairs: [Person, Person][] = [];
    for (let i = 0; i < concurrency; i++)
      pairs.push([await person(origin, tag, 2 * i), await person(origin, tag, 2 * i + 1)]);
    // a warm-up call per pair: cold starts are not what this measures
    await Promise.all(pairs.map(([a, b]) => oneCall(origin as string, a, b)));
    const before = readCounts(countDir);
    const samples: Awaited<ReturnType<typeof oneCall>>[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      pairs.map(async ([a, b]) => {
        while (next < calls) {
          next += 1;
          samples.push(await oneCall(origin as string, a, b));
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const counts = values.url ? undefined : diffCounts(before, readCounts(countDir));
    const legs = Object.fromEntries(
      (['place', 'ring', 'answer', 'hangup'] as const).map((leg) => [leg, summarise(samples.map((s) => s[leg]))]),
    ) as Record<'place' | 'ring' | 'answer' | 'hangup', LatencySummary>;
    const result = {
      calls: samples.length,
      concurrency,
      callsPerSecond: samples.length / seconds,
      legs,
      ...(counts
        ? { dynamodbPerCall: counts.byService.calling ? counts.byService.calling / samples.length : 0, counts }
        : {}),
    };
    const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '–');
    console.log(`\n${samples.length} calls, ${concurrency} at a time, ${result.callsPerSecond.toFixed(2)} calls/s`);
    console.log('| leg | p50 ms | p95 ms | p99 ms | max ms |');
    console.log('|---|---|---|---|---|');
    for (const [leg, s] of Object.entries(legs))
      console.log(`| ${leg} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} |`);
    if (counts)
      console.log(
        `\nDynamoDB requests per call (calling): ${result.dynamodbPerCall?.toFixed(1)}; by operation: ${JSON.stringify(counts.byOperation)}`,
      );
    if (values.out) writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
    for (const [a, b] of pairs) await Promise.all([a.socket.close(), b.socket.close()]);
  } finally {
    await Promise.all(running.map((r) => r.stop()));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
