/**
 * Turns the records of profile-requests.mjs (`--profile`) into one message's hops on devstack: each
 * measured message is followed by its id from the origin through messaging, the bus and
 * notifications' PostToConnection; per-request durations (DynamoDB by operation, the bus's
 * PutEvents, identity's session check) come beside. Method: docs/benchmarks.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { percentile } from './stats.ts';

interface Rec {
  p: string;
  k: 'in' | 'out' | 'fetch' | 'fn';
  start: number;
  end: number;
  id?: string;
  name?: string;
  method?: string;
  path?: string;
  op?: string;
  host?: string;
  port?: number;
  reused?: boolean;
}

export function readProfile(dir: string, from: number, to: number): Rec[] {
  const out: Rec[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (!line) continue;
      try {
        const r = JSON.parse(line) as Rec;
        if (r.start >= from && r.start <= to && Number.isFinite(r.end)) out.push(r);
      } catch {
        // a line cut by a flush in progress
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

const fn = (r: Rec, name: string) => r.k === 'fn' && (r.name ?? '').endsWith(`-${name}`);
const SEND = /^\/(api\/messaging\/)?conversations\/[^/]+\/messages$/;

/** Markdown: hop → p50 ms (share of origin-in → last PostToConnection), and per-request p50s. */
export function profileReport(recs: Rec[], deliverP50: number): string {
  const byId = new Map<string, Rec[]>();
  for (const r of recs) if (r.id) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  const authorizers = recs.filter((r) => r.p === 'messaging' && fn(r, 'authorizer'));
  const hops: Record<string, number[]> = {};
  const add = (hop: string, ms: number | undefined) => {
    if (ms === undefined || !Number.isFinite(ms)) return;
    hops[hop] = [...(hops[hop] ?? []), ms];
  };
  for (const [, rs] of byId) {
    const origin = rs.find((r) => r.p === 'devstack' && r.k === 'in' && SEND.test(r.path ?? ''));
    const served = rs.find((r) => r.p === 'messaging' && r.k === 'in' && SEND.test(r.path ?? ''));
    const send = rs.find((r) => r.p === 'messaging' && fn(r, 'sendMessage'));
    const put = rs.find((r) => r.p === 'messaging' && r.k === 'out' && r.op === 'AWSEvents.PutEvents');
    const audience = rs.find((r) => r.p === 'notifications' && fn(r, 'onAudienceEvent'));
    const posts = rs.filter((r) => r.p === 'notifications' && r.k === 'out' && (r.path ?? '').includes('@connections'));
    if (!origin || !served || !send || !put || !audience || posts.length === 0) continue;
    // the authorizer run of this request: the last one to end before the route's function started
    const auth = authorizers.filter((a) => a.start >= served.start && a.end <= send.start).at(-1);
    const firstPost = Math.min(...posts.map((p) => p.start));
    const lastPost = Math.max(...posts.map((p) => p.end));
    add('origin → messaging’s offline (the proxy, request leg)', served.start - origin.start);
    if (auth) {
      add('offline: request in → authorizer run starts', auth.start - served.start);
      add('authorizer run (JWT verify, session check)', auth.end - auth.start);
      add('offline: authorizer done → sendMessage run starts', send.start - auth.end);
    } else add('offline: request in → sendMessage run starts (authorizer included)', send.start - served.start);
    add('sendMessage: run start → PutEvents sent (GetItem, TransactWriteItems…)', put.start - send.start);
    add('PutEvents request (messaging → broker)', put.end - put.start);
    add('bus: PutEvents answered → onAudienceEvent starts', audience.start - put.end);
    add('onAudienceEvent: start → first PostToConnection (BatchGetItem)', firstPost - audience.start);
    add('PostToConnection: first sent → last answered', lastPost - firstPost);
    add('= origin in → last PostToConnection answered', lastPost - origin.start);
    add('(sendMessage run, whole)', send.end - send.start);
    add('(messaging’s offline, request in → response out)', served.end - served.start);
    add('(origin, request in → response out)', origin.end - origin.start);
    add('(onAudienceEvent run, whole)', audience.end - audience.start);
  }
  const total = percentile(hops['= origin in → last PostToConnection answered'] ?? [], 50);
  const lines = [
    `messages followed end to end: ${(hops['= origin in → last PostToConnection answered'] ?? []).length}; deliver p50 (bench) ${deliverP50.toFixed(1)} ms`,
    '',
    '| hop | p50 ms | p95 ms | share of p50 total |',
    '|---|---:|---:|---:|',
  ];
  for (const [hop, samples] of Object.entries(hops)) {
    const p50 = percentile(samples, 50);
    const share = hop.startsWith('(') || hop.startsWith('=') ? '' : `${((100 * p50) / total).toFixed(0)} %`;
    lines.push(`| ${hop} | ${p50.toFixed(1)} | ${percentile(samples, 95).toFixed(1)} | ${share} |`);
  }
  // per-request service times, whatever message they belong to
  const groups = new Map<string, number[]>();
  for (const r of recs) {
    let key: string | undefined;
    if (r.k === 'out' && r.op) key = `${r.p} → ${r.op.replace(/^DynamoDB_20120810\./, 'DynamoDB ')}`;
    else if (r.k === 'out' && (r.path ?? '').includes('@connections')) key = `${r.p} → PostToConnection`;
    else if (r.k === 'fetch') key = `${r.p} fetch ${r.path?.replace(/\/[^/]+\/active$/, '/{id}/active')}`;
    else if (r.k === 'fn') key = `${r.p} run ${r.name?.replace(/^parley-[a-z]+-local-/, '')}`;
    else if (r.k === 'in' && r.p !== 'devstack')
      key = `${r.p} serves ${r.method} ${r.path?.replace(/\/(?=[^/]*\d)[A-Za-z0-9_=-]{12,}/g, '/{id}')}`;
    if (key) groups.set(key, [...(groups.get(key) ?? []), r.end - r.start]);
  }
  lines.push('', '| request or run | count | p50 ms | p95 ms |', '|---|---:|---:|---:|');
  for (const [key, samples] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    if (samples.length < 5) continue;
    lines.push(
      `| ${key} | ${samples.length} | ${percentile(samples, 50).toFixed(1)} | ${percentile(samples, 95).toFixed(1)} |`,
    );
  }
  return lines.join('\n');
}
