// Loaded into every Node process of a benchmark devstack through NODE_OPTIONS=--import (devstack, the
// serverless-offline processes and, in them, the handlers). Counts the DynamoDB requests each process
// makes, by operation, from Node's own HTTP client diagnostics channel (no patching, no proxy), and keeps
// the totals in PARLEY_BENCH_COUNT_DIR/<pid>.json for the benchmark to read.
import { subscribe } from 'node:diagnostics_channel';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.PARLEY_BENCH_COUNT_DIR;
if (dir) {
  mkdirSync(dir, { recursive: true });
  const counts = {};
  let dirty = false;
  subscribe('http.client.request.start', ({ request }) => {
    const target = request.getHeader('x-amz-target');
    if (typeof target !== 'string' || !target.startsWith('DynamoDB_')) return;
    const operation = target.slice(target.indexOf('.') + 1);
    counts[operation] = (counts[operation] ?? 0) + 1;
    dirty = true;
  });
  const flush = () => {
    if (!dirty) return;
    dirty = false;
    writeFileSync(join(dir, `${process.pid}.json`), JSON.stringify({ pid: process.pid, cwd: process.cwd(), counts }));
  };
  setInterval(flush, 200).unref();
  process.on('exit', flush);
}
