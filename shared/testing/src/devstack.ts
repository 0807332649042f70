import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DevstackInfo } from './devstack-info.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface StartDevstackOptions {
  /** wipe the data directory first */
  fresh?: boolean;
  /** public port; 0 (the default here) picks a free one */
  port?: number;
  /** where data and the log (`devstack.log`) go; defaults to `.devstack` at the repo root */
  dataDir?: string;
  /** how long to wait for /_dev/health to answer 200 (default 180 s) */
  timeoutMs?: number;
  /** who notifications texts through (`--messaging-provider`; default aws, or PARLEY_MESSAGING_PROVIDER) */
  messagingProvider?: 'aws' | 'twilio';
  /** DynamoDB Local keeps the tables in memory (`--in-memory`): for stacks whose data is thrown away, like the tests' */
  inMemory?: boolean;
}

export interface RunningDevstack {
  url: string;
  info: DevstackInfo;
  ports: DevstackInfo['ports'];
  /** Ctrl-C equivalent: stops every process of this devstack and waits for the launcher to exit. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readInfo(dataDir: string, pid: number): DevstackInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(join(dataDir, 'devstack.json'), 'utf8')) as DevstackInfo;
    return info.pid === pid ? info : undefined;
  } catch {
    return undefined;
  }
}

function logTail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Reads the info of an already running devstack (for PARLEY_DEVSTACK_URL). */
export async function devstackInfo(url: string): Promise<DevstackInfo> {
  const res = await fetch(new URL('/_dev/info', url));
  if (!res.ok) throw new Error(`${url}/_dev/info answered ${res.status}: is a devstack running there?`);
  return (await res.json()) as DevstackInfo;
}

/** Polls /_dev/health until 200; throws early when a component has exited or the launcher is gone. */
async function untilHealthy(url: string, child: ChildProcess, deadline: number, log: string): Promise<void> {
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`devstack exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${logTail(log)}`);
    }
    try {
      const res = await fetch(new URL('/_dev/health', url));
      const body = (await res.json()) as {
        services?: Record<string, { status: string }>;
        infrastructure?: Record<string, { status: string }>;
      };
      if (res.status === 200) return;
      const all = { ...body.services, ...body.infrastructure };
      const exited = Object.entries(all).filter(([, c]) => c.status === 'exited');
      if (exited.length > 0) {
        throw new Error(`devstack: ${exited.map(([n]) => n).join(', ')} exited while starting:\n${logTail(log)}`);
      }
      last = Object.entries(all)
        .filter(([, c]) => c.status !== 'up')
        .map(([n, c]) => `${n} ${c.status}`)
        .join(', ');
    } catch (err) {
      if ((err as Error).message.startsWith('devstack:')) throw err;
    }
    await sleep(300);
  }
  throw new Error(`devstack was not healthy in time (${last}):\n${logTail(log)}`);
}

/**
 * Starts devstack (`tools/devstack/src/main.ts`) as a child process in its own process group, on
 * free ports, waits until `/_dev/health` answers 200 and returns how to reach it. Its output goes
 * to `<dataDir>/devstack.log`.
 */
export async function startDevstack(options: StartDevstackOptions = {}): Promise<RunningDevstack> {
  const dataDir = resolve(options.dataDir ?? join(ROOT, '.devstack'));
  mkdirSync(dataDir, { recursive: true });
  const log = join(dataDir, 'devstack.log');
  const out = openSync(log, 'a');
  const args = [
    '--import',
    'tsx',
    join(ROOT, 'tools/devstack/src/main.ts'),
    '--port',
    String(options.port ?? 0),
    '--data-dir',
    dataDir,
  ];
  if (options.fresh) args.push('--fresh');
  if (options.messagingProvider) args.push('--messaging-provider', options.messagingProvider);
  if (options.inMemory) args.push('--in-memory');
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    // Under vitest's 10 s teardown budget: the launcher stops its children within ~5 s; if it has
    // not exited by 7 s, kill it, and its watchdog reaps whatever is left.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => {
      timer = setTimeout(() => r('timeout'), 7_000);
    });
    const outcome = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // gone
      }
    }
  };
  try {
    const deadline = Date.now() + (options.timeoutMs ?? 180_000);
    let info: DevstackInfo | undefined;
    while (!info) {
      if (child.exitCode !== null)
        throw new Error(`devstack exited (${child.exitCode}) before it chose its ports:\n${logTail(log)}`);
      if (Date.now() > deadline) throw new Error(`devstack did not start in time:\n${logTail(log)}`);
      info = readInfo(dataDir, child.pid as number);
      if (!info) await sleep(100);
    }
    await untilHealthy(info.url, child, deadline, log);
    info = readInfo(dataDir, child.pid as number) ?? info;
    return { url: info.url, info, ports: info.ports, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
