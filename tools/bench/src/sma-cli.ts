/**
 * `npm run bench:sma [-- --calls 100 --out <file>]`
 *
 * How fast calling's `smaHandler` answers the SIP media application, warm: Chime retries an event
 * after 5 s and hangs up after 20 s, so the handler's p99 must sit well inside that. A private
 * devstack is booted; a number is assigned on the bus (calling's number→owner copy), then each call
 * is the invocations the SMA driver makes for a caller who hangs up while ringing: NEW_INBOUND_CALL
 * (the owner looked up, a meeting created, the call stored, CallInbound published, ringback) and
 * HANGUP (the call ended as missed, the meeting deleted, CallMissed published). Each is sent through
 * the same Lambda invoke API the driver uses; the floor is an event the handler refuses at once
 * (parse, log, answer), through the same path. Method and figures: docs/benchmarks.md.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Running, startDevstack } from './processes.ts';
import { summarise } from './stats.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const { values } = parseArgs({
  options: { calls: { type: 'string', default: '100' }, out: { type: 'string' } },
});
const calls = Number(values.calls);
if (!(calls > 0)) {
  console.error('usage: npm run bench:sma -- [--calls 100] [--out r.json]');
  process.exit(2);
}
const log = (text: string) => process.stderr.write(`[bench] ${text}\n`);
const OWNED = '+6531009999';
const CALLER = '+41446681800';

interface SmaAnswer {
  Actions?: { Type: string }[];
  TransactionAttributes?: Record<string, string>;
}

function invoker(lambdaPort: number, stage: string) {
  const url = `http://127.0.0.1:${lambdaPort}/2015-03-31/functions/parley-calling-${stage}-smaHandler/invocations`;
  return async (event: unknown): Promise<{ ms: number; body: SmaAnswer }> => {
    const t0 = performance.now();
    const res = await fetch(url, { method: 'POST', body: JSON.stringify(event) });
    const body = (await res.json()) as SmaAnswer;
    const ms = performance.now() - t0;
    if (res.status !== 200 || res.headers.get('x-amz-function-error'))
      throw new Error(`smaHandler answered ${res.status}: ${JSON.stringify(body)}`);
    return { ms, body };
  };
}

function inbound(transactionId: string, legA: string, sequence: number, extra: Record<string, unknown> = {}) {
  return {
    SchemaVersion: '1.0',
    Sequence: sequence,
    InvocationEventType: 'NEW_INBOUND_CALL',
    CallDetails: {
      TransactionId: transactionId,
      AwsAccountId: '000000000000',
      AwsRegion: 'us-east-1',
      SipMediaApplicationId: 'bench',
      SipRuleId: 'bench',
      Participants: [
        {
          CallId: legA,
          ParticipantTag: 'LEG-A',
          To: OWNED,
          From: CALLER,
          Direction: 'Inbound',
          StartTimeInMilliseconds: String(Date.now()),
          Status: 'Connected',
        },
      ],
    },
    ...extra,
  };
}

async function assignNumber(origin: string): Promise<void> {
  const eventId = randomUUID();
  const res = await fetch(`${origin}/_dev/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      source: 'parley.numbers',
      detailType: 'numbers.NumberAssigned',
      detail: {
        metadata: { eventId, version: 1, occurredAt: new Date().toISOString(), correlationId: eventId },
        audience: [],
        data: { e164: OWNED, userId: 'bench-owner', country: 'SG', carrier: 'sip-trunk' },
      },
    }),
  });
  if (res.status !== 200) throw new Error(`publishing NumberAssigned answered ${res.status}`);
}

async function main(): Promise<void> {
  const running: Running[] = [];
  try {
    log('booting a private devstack…');
    const devstack = await startDevstack(mkdtempSync(join(tmpdir(), 'parley-bench-counts-')));
    running.push(devstack);
    const state = JSON.parse(readFileSync(join(devstack.dataDir as string, 'devstack.json'), 'utf8'));
    const invoke = invoker(state.services.calling.lambda, state.stage);
    await assignNumber(devstack.url);

    /** One call's two invocations; the NEW_INBOUND_CALL answer says whether the owner was known. */
    const oneCall = async () => {
      const transactionId = randomUUID();
      const legA = randomUUID();
      const first = await invoke(inbound(transactionId, legA, 1));
      const hangup = inbound(transactionId, legA, 2, {
        InvocationEventType: 'HANGUP',
        ActionData: { Type: 'Hangup', Parameters: { SipResponseCode: '0', CallId: legA, ParticipantTag: 'LEG-A' } },
      });
      Object.assign(hangup.CallDetails, { TransactionAttributes: first.body.TransactionAttributes });
      Object.assign(hangup.CallDetails.Participants[0] ?? {}, { Status: 'Disconnected' });
      const second = await invoke(hangup);
      return { first, second };
    };
    // until calling knows the number (NumberAssigned crossed the bus), then warm every path
    for (let i = 0; ; i++) {
      const { first } = await oneCall();
      if (first.body.Actions?.[0]?.Type === 'PlayAudio') break;
      if (i > 100) throw new Error('calling never learnt the benchmark number');
      await new Promise((r) => setTimeout(r, 200));
    }
    for (let i = 0; i < 5; i++) await oneCall();

    const newCall: number[] = [];
    const hangups: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < calls; i++) {
      const { first, second } = await oneCall();
      newCall.push(first.ms);
      hangups.push(second.ms);
      floor.push((await invoke({ SchemaVersion: '1.0', bench: 'refused at once' })).ms);
    }
    const result = {
      calls,
      newInboundCall: summarise(newCall),
      hangup: summarise(hangups),
      floor: summarise(floor),
    };
    const ms = (n: number) => n.toFixed(0);
    const ratio = (n: number, f: number) => (n / f).toFixed(1);
    console.log(`\n${calls} calls, one at a time (warm)`);
    console.log('| invocation | p50 ms | p99 ms | max ms | p50 vs floor | p99 vs floor |');
    console.log('|---|---|---|---|---|---|');
    for (const [name, s] of [
      ['NEW_INBOUND_CALL', result.newInboundCall],
      ['HANGUP', result.hangup],
      ['floor (refused event)', result.floor],
    ] as const)
      console.log(
        `| ${name} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} | ${ratio(s.p50, result.floor.p50)}× | ${ratio(s.p99, result.floor.p99)}× |`,
      );
    console.log(
      `\nChime's retry window is 5000 ms: the slowest p99 uses ${((Math.max(result.newInboundCall.p99, result.hangup.p99) / 5000) * 100).toFixed(0)}% of it.`,
    );
    if (values.out) writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await Promise.all(running.map((r) => r.stop()));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
