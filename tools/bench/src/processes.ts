import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

export interface Running {
  url: string;
  /** where its output goes, if kept */
  log?: string;
  /** a devstack's data dir (its `devstack.json` names every port) */
  dataDir?: string;
  stop(): Promise<void>;
}

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number, what: string): Promise<RegExpExecArray> {
  return new Promise((resolveLine, reject) => {
    let tail = '';
    const timer = setTimeout(
      () => reject(new Error(`${what} not ready within ${timeoutMs / 1000} s:\n${tail.slice(-3000)}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-20_000);
      const match = pattern.exec(tail);
      if (match) {
        clearTimeout(timer);
        resolveLine(match);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => {
      tail = (tail + c.toString('utf8')).slice(-20_000);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}) before it was ready:\n${tail.slice(-3000)}`));
    });
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
    });
}

/**
 * Boots a private devstack (free port, fresh temporary data dir) whose every Node process counts its
 * DynamoDB requests into `countDir` (see count-requests.mjs).
 */
export async function startDevstack(
  countDir: string,
  options: { profileDir?: string; cpuProfile?: boolean; inMemory?: boolean } = {},
): Promise<Running> {
  const { profileDir } = options;
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  const counter = join(import.meta.dirname, 'count-requests.mjs');
  // --profile: every process also records its requests and function runs (profile-requests.mjs)
  const profiler = profileDir ? ` --import ${join(import.meta.dirname, 'profile-requests.mjs')}` : '';
  const child = spawn(
    TSX,
    [
      'tools/devstack/src/main.ts',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--fresh',
      ...(options.inMemory ? ['--in-memory'] : []),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PARLEY_BENCH_COUNT_DIR: countDir,
        ...(profileDir ? { PARLEY_BENCH_PROFILE_DIR: profileDir } : {}),
        ...(options.cpuProfile ? { PARLEY_BENCH_CPU_PROFILE: '1' } : {}),
        // figures stay comparable with those measured before devstack traced (tools/devstack README)
        PARLEY_TRACES: process.env.PARLEY_TRACES ?? 'off',
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${counter}${profiler}`.trim(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // beside the data dir, not in it: --fresh empties the data dir after the log is opened
  const log = `${dataDir}.log`;
  const out = createWriteStream(log);
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const match = await waitForLine(child, /Parley is running at (http:\/\/\S+)/, 300_000, 'devstack');
  const stop = stopper(child);
  return {
    url: match[1] as string,
    log,
    dataDir,
    stop: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts the bare `ws` fan-out server in its own process (so it does not share the clients' event loop). */
export async function startFloor(): Promise<Running> {
  const child = spawn(TSX, [join(import.meta.dirname, 'floor-server.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const match = await waitForLine(child, /listening (\d+)/, 30_000, 'floor server');
  return { url: `http://127.0.0.1:${match[1]}`, stop: stopper(child) };
}

/** Current DynamoDB request counts per service (`services/<name>` cwd → name; anything else → devstack). */
export function readCounts(countDir: string): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  let files: string[] = [];
  try {
    files = readdirSync(countDir).filter((f) => f.endsWith('.json'));
  } catch {
    return out;
  }
  for (const file of files) {
    try {
      const { cwd, counts } = JSON.parse(readFileSync(join(countDir, file), 'utf8')) as {
        cwd: string;
        counts: Record<string, number>;
      };
      const service = cwd.includes(`${join('services', '')}`) ? basename(cwd) : 'devstack';
      const bucket = out[service] ?? {};
      out[service] = bucket;
      for (const [op, n] of Object.entries(counts)) bucket[op] = (bucket[op] ?? 0) + n;
    } catch {
      // a file being rewritten: the next read has it
    }
  }
  return out;
}
