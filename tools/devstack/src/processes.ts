import { type ChildProcess, spawn } from 'node:child_process';

/** How a child's output reaches the terminal. */
export interface LogSink {
  line(source: string, text: string): void;
}

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** the last lines it printed, for error messages */
  tail: string[];
  /** resolves with the exit code (or the signal name) */
  exited: Promise<number | string>;
  exitCode?: number | string;
}

const TAIL_LINES = 60;

/**
 * The reaper, in sh (about 1 MB, where a node process would take 40): it reads one process-group id
 * per line on stdin; when stdin closes, which happens however the launcher ends (Ctrl-C, SIGKILL, a
 * crash), every group still alive gets SIGTERM, then SIGKILL 3 s later. No orphans.
 */
const WATCHDOG = `
trap '' INT HUP
groups=""
while read -r pgid; do groups="$groups $pgid"; done
alive=""
for g in $groups; do kill -TERM "-$g" 2>/dev/null && alive="$alive $g"; done
[ -z "$alive" ] && exit 0
sleep 3
for g in $alive; do kill -KILL "-$g" 2>/dev/null; done
exit 0`;
const COLORS = [36, 33, 35, 32, 34, 91, 96, 93];

/** Prefixes each line with `[name]` (coloured on a terminal). */
export function terminalSink(stream: NodeJS.WriteStream = process.stdout): LogSink {
  const colors = new Map<string, number>();
  const width = 16;
  return {
    line(source, text) {
      if (!colors.has(source)) colors.set(source, COLORS[colors.size % COLORS.length] as number);
      const label = `[${source}]`.padEnd(width);
      const prefix = stream.isTTY ? `\u001b[${colors.get(source)}m${label}\u001b[0m` : label;
      stream.write(`${prefix} ${text}\n`);
    },
  };
}

const ESC = String.fromCharCode(27);
const ANSI = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
const stripAnsi = (s: string) => s.replace(ANSI, '');

/**
 * Drops serverless-offline's two lines per request for health checks (`GET /health (λ: getHealth)`
 * and its `(λ: getHealth) RequestId: … Duration …`), and blank lines: the console polls health.
 */
export function healthNoiseFilter(): (line: string) => boolean {
  const healthFunctions = new Set<string>();
  return (line) => {
    const plain = stripAnsi(line).trim();
    if (plain.length === 0) return false;
    const request = /^(?:GET|HEAD) \/health \(λ: ([\w-]+)\)$/.exec(plain);
    if (request) {
      healthFunctions.add(request[1] as string);
      return false;
    }
    const report = /^\(λ: ([\w-]+)\) RequestId: .* Duration: /.exec(plain);
    return !(report && healthFunctions.has(report[1] as string));
  };
}

/**
 * Starts and stops child processes, each in its own process group so that everything a child
 * starts (esbuild, workers, the JVM) goes with it. A detached watchdog kills the groups if the
 * launcher itself dies without cleaning up.
 */
export class Supervisor {
  readonly processes: ManagedProcess[] = [];
  private watchdog?: ChildProcess;
  private readonly sink: LogSink;
  private readonly verbose: boolean;

  constructor(sink: LogSink, verbose = false) {
    this.sink = sink;
    this.verbose = verbose;
  }

  startWatchdog(): void {
    this.watchdog = spawn('/bin/sh', ['-c', WATCHDOG], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
    this.watchdog.unref();
    this.watchdog.stdin?.on('error', () => {});
  }

  /** Adopts an already spawned child (started with `detached: true`). */
  adopt(name: string, child: ChildProcess): ManagedProcess {
    const managed: ManagedProcess = {
      name,
      child,
      tail: [],
      exited: new Promise((resolve) => {
        child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
        child.once('error', () => resolve('spawn-error'));
      }),
    };
    managed.exited.then((code) => {
      managed.exitCode = code;
    });
    if (child.pid) this.watchdog?.stdin?.write(`${child.pid}\n`);
    const keep = this.verbose ? () => true : healthNoiseFilter();
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      let buffer = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        buffer += chunk;
        const lines = buffer.split(/\r?\n/);
        buffer = lines.pop() ?? '';
        for (const line of lines) this.emit(managed, line, keep);
      });
      stream.on('end', () => {
        if (buffer) this.emit(managed, buffer, keep);
        buffer = '';
      });
    }
    this.processes.push(managed);
    return managed;
  }

  spawn(
    name: string,
    command: string,
    args: string[],
    options: { cwd: string; env: NodeJS.ProcessEnv },
  ): ManagedProcess {
    const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    return this.adopt(name, child);
  }

  private emit(managed: ManagedProcess, line: string, keep: (line: string) => boolean): void {
    managed.tail.push(line);
    if (managed.tail.length > TAIL_LINES) managed.tail.shift();
    if (keep(line)) this.sink.line(managed.name, line);
  }

  /** SIGTERM to every group, SIGKILL to whatever is left after `graceMs`. */
  async stopAll(graceMs = 4000): Promise<void> {
    const running = this.processes.filter((p) => p.exitCode === undefined && p.child.pid);
    for (const p of running) signalGroup(p.child.pid as number, 'SIGTERM');
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
    await Promise.race([Promise.all(running.map((p) => p.exited)), timeout]);
    for (const p of running) signalGroup(p.child.pid as number, 'SIGKILL');
    this.watchdog?.stdin?.end();
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}
