import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * What runs in each fresh `node` process: times `await import()` of the module (its whole init: the
 * bundle's parse, compile and top-level code, as Lambda's init phase runs them), checks the
 * handler is exported, prints the milliseconds as JSON.
 */
const PROBE = `
const [url, exportName] = process.argv.slice(-2);
const c0 = process.cpuUsage();
const t0 = performance.now();
const mod = await import(url);
const ms = performance.now() - t0;
const cpu = process.cpuUsage(c0);
if (typeof mod[exportName] !== 'function') throw new Error(url + ' exports no function ' + exportName);
process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000 }));
`;

/** Median of the samples (mean of the middle two for an even count); NaN when there are none. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Lambda's own variables and dummy credentials: nothing is called at init, but clients read them. */
export const LAMBDA_ENV: Record<string, string> = {
  AWS_REGION: 'eu-central-1',
  AWS_DEFAULT_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'AKIDBENCHCOLDSTART00',
  AWS_SECRET_ACCESS_KEY: 'bench-cold-start-dummy-secret',
  AWS_SESSION_TOKEN: 'bench-cold-start-dummy-token',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  LAMBDA_TASK_ROOT: '/var/task',
  TZ: ':UTC',
};

/** One import per run: wall-clock ms (`performance.now()`) and the process's CPU ms (user + system) over it. */
export interface ImportSamples {
  wallMs: number[];
  cpuMs: number[];
}

/**
 * Import time of `dir/module` in `runs` fresh node processes, one after another (never in parallel:
 * the machine's cores are shared), with `env` as the whole environment but PATH.
 */
export function importTimes(
  dir: string,
  module: string,
  exportName: string,
  env: Record<string, string>,
  runs: number,
): ImportSamples {
  const url = pathToFileURL(join(dir, module)).href;
  const times: ImportSamples = { wallMs: [], cpuMs: [] };
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', PROBE, url, exportName], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', ...LAMBDA_ENV, AWS_LAMBDA_FUNCTION_NAME: exportName, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (child.status !== 0) {
      throw new Error(
        `importing ${module} failed (${child.status ?? child.signal}):\n${(child.stderr || child.stdout).slice(-2000)}`,
      );
    }
    const sample = JSON.parse(child.stdout) as { ms: number; cpuMs: number };
    times.wallMs.push(sample.ms);
    times.cpuMs.push(sample.cpuMs);
  }
  return times;
}

/** The baseline: an ESM handler that imports nothing, written to `dir/index.mjs`. */
export function writeEmptyHandler(dir: string): { module: string; exportName: string } {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.mjs'), 'export const handler = async () => ({ statusCode: 200 });\n');
  return { module: 'index.mjs', exportName: 'handler' };
}
