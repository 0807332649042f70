// `npm run bench:cold`: each Lambda function's init (import of its packaged bundle in a fresh Node
// process) beside an empty handler's, and its zip's size. Method and figures: docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type PackagedFunction, packagedFunctions, staleReason } from './cold-artifacts.ts';
import { importTimes, median, writeEmptyHandler } from './cold-measure.ts';
import { extractZip } from './cold-zip.ts';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
/** Issue 15's targets: reported, not asserted. */
export const TARGETS = { zipBytes: 150 * 1024, initRatio: 1.5 };

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    out: { type: 'string', default: join(ROOT, '.serverless', 'bench-cold.json') },
    service: { type: 'string', multiple: true },
    function: { type: 'string', multiple: true },
    'no-package': { type: 'boolean', default: false },
    from: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.error(
    'usage: npm run bench:cold -- [--runs 7] [--service messaging] [--function sendMessage] [--out r.json] [--no-package] [--from <copy of services/*/.serverless>]',
  );
  process.exit(0);
}
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');

interface Row {
  service: string;
  function: string;
  zipBytes: number;
  unzippedBytes: number;
  files: number;
  /** a source map inside the zip (ADR 0022: never) */
  hasMap: boolean;
  /** median wall-clock ms of the import */
  initMs: number;
  samplesMs: number[];
  /** median CPU ms of the import: steadier than wall time on a shared machine */
  cpuMs: number;
  cpuSamplesMs: number[];
  ratio: number;
  cpuRatio: number;
  meetsZip: boolean;
  meetsInit: boolean;
}

function ensurePackaged(): void {
  const reason = staleReason(ROOT);
  if (!reason) return;
  if (values['no-package']) throw new Error(`${reason}: run \`npm run package\` (or drop --no-package)`);
  console.error(`${reason}: packaging (flock /tmp/parley-package.lock npm run package)…`);
  const result = spawnSync('flock', ['/tmp/parley-package.lock', 'npm', 'run', 'package'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`npm run package failed (${result.status ?? result.signal})`);
}

function selected(fns: PackagedFunction[]): PackagedFunction[] {
  return fns.filter(
    (f) =>
      (!values.service?.length || values.service.includes(f.service)) &&
      (!values.function?.length || values.function.includes(f.name)),
  );
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

function printTable(empty: { initMs: number; cpuMs: number }, rows: Row[]): void {
  const header = ['service', 'function', 'zip KB', 'unzipped KB', 'init ms', '× empty', 'cpu ms', '× empty', 'targets'];
  const lines = rows.map((r) => [
    r.service,
    r.function,
    kb(r.zipBytes),
    kb(r.unzippedBytes),
    r.initMs.toFixed(1),
    r.ratio.toFixed(2),
    r.cpuMs.toFixed(1),
    r.cpuRatio.toFixed(2),
    [r.meetsZip ? '' : 'zip>150KB', r.meetsInit ? '' : 'init>1.5×', r.hasMap ? 'HAS .map' : '']
      .filter(Boolean)
      .join(' ') || 'ok',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] as string).length)));
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(
    `empty ESM handler: ${empty.initMs.toFixed(1)} ms wall, ${empty.cpuMs.toFixed(1)} ms CPU (median of ${runs} runs before and ${runs} after)`,
  );
  console.log(fmt(header));
  for (const l of lines) console.log(fmt(l));
  const meetZip = rows.filter((r) => r.meetsZip).length;
  const meetInit = rows.filter((r) => r.meetsInit).length;
  console.log(`${rows.length} functions: ${meetZip} zips ≤ 150 KB, ${meetInit} inits ≤ 1.5× empty`);
}

async function main(): Promise<void> {
  if (!values.from) ensurePackaged();
  const fns = selected(packagedFunctions(ROOT, values.from && resolve(values.from)));
  if (fns.length === 0) throw new Error('no function matches --service/--function');
  const work = mkdtempSync(join(tmpdir(), 'parley-bench-cold-'));
  try {
    const emptyDir = join(work, '_empty');
    const emptyModule = writeEmptyHandler(emptyDir);
    // The same NODE_OPTIONS as the functions (--enable-source-maps), so only the bundle differs.
    const emptyEnv = { NODE_OPTIONS: fns[0]?.environment.NODE_OPTIONS ?? '' };
    const baseline = () => importTimes(emptyDir, emptyModule.module, emptyModule.exportName, emptyEnv, runs);
    const emptyBefore = baseline();
    const measured: Omit<Row, 'ratio' | 'cpuRatio' | 'meetsInit'>[] = [];
    const failures: string[] = [];
    for (const fn of fns) {
      const dir = join(work, fn.service, fn.name);
      try {
        const { bytes, files } = extractZip(fn.zip, dir);
        const samples = importTimes(dir, fn.module, fn.exportName, fn.environment, runs);
        const zipBytes = statSync(fn.zip).size;
        measured.push({
          service: fn.service,
          function: fn.name,
          zipBytes,
          unzippedBytes: bytes,
          files: files.length,
          hasMap: files.some((f) => f.endsWith('.map')),
          initMs: median(samples.wallMs),
          samplesMs: samples.wallMs,
          cpuMs: median(samples.cpuMs),
          cpuSamplesMs: samples.cpuMs,
          meetsZip: zipBytes <= TARGETS.zipBytes,
        });
        process.stderr.write('.');
      } catch (error) {
        failures.push(`${fn.service}/${fn.name}: ${error instanceof Error ? error.message : String(error)}`);
        process.stderr.write('x');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    process.stderr.write('\n');
    const emptyAfter = baseline();
    const emptyWall = [...emptyBefore.wallMs, ...emptyAfter.wallMs];
    const emptyCpu = [...emptyBefore.cpuMs, ...emptyAfter.cpuMs];
    const empty = { initMs: median(emptyWall), cpuMs: median(emptyCpu) };
    const rows: Row[] = measured.map((m) => ({
      ...m,
      ratio: m.initMs / empty.initMs,
      cpuRatio: m.cpuMs / empty.cpuMs,
      meetsInit: m.initMs / empty.initMs <= TARGETS.initRatio,
    }));
    printTable(empty, rows);
    const result = {
      at: new Date().toISOString(),
      node: process.version,
      runs,
      targets: TARGETS,
      empty: { ...empty, samplesMs: emptyWall, cpuSamplesMs: emptyCpu },
      functions: rows,
      failures,
    };
    mkdirSync(dirname(values.out), { recursive: true });
    writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`JSON: ${values.out}`);
    if (failures.length > 0) {
      console.error(`${failures.length} function(s) could not be measured:\n${failures.join('\n')}`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
