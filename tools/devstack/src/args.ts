import { resolve } from 'node:path';
import { DevstackError } from './errors.ts';

/** What `npm start -- [flags]` asks for. */
export interface DevstackOptions {
  /** the public origin's port (`--port`, `PARLEY_PORT`, default 3000) */
  port: number;
  /** absolute data directory (`--data-dir`, `PARLEY_DATA_DIR`, default `.devstack`) */
  dataDir: string;
  /** wipe the data directory first (`--fresh`) */
  fresh: boolean;
  /** the host name the browser uses in URLs (`--host`, `PARLEY_HOST`, default localhost) */
  host: string;
  /** print every line the services log, health checks included (`--verbose`) */
  verbose: boolean;
}

export const USAGE = `Usage: npm start -- [--port 3000] [--data-dir .devstack] [--fresh] [--verbose]

  --port N        public origin port (env PARLEY_PORT, default 3000)
  --data-dir DIR  where tables, files, keys and the SMS outbox persist (env PARLEY_DATA_DIR, default .devstack)
  --fresh         wipe the data directory first
  --host NAME     host name used in public URLs (env PARLEY_HOST, default localhost)
  --verbose       also print health-check request logs`;

/** Parses flags and environment; throws DevstackError on anything it does not understand. */
export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): DevstackOptions {
  const options: DevstackOptions = {
    port: portOf(env.PARLEY_PORT ?? '3000', 'PARLEY_PORT'),
    dataDir: resolve(cwd, env.PARLEY_DATA_DIR || '.devstack'),
    fresh: false,
    host: env.PARLEY_HOST || 'localhost',
    verbose: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=') ? (arg.split(/=(.*)/s, 2) as [string, string]) : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new DevstackError(`${flag} needs a value.`, USAGE);
      return v;
    };
    switch (flag) {
      case '--port':
        options.port = portOf(value(), '--port');
        break;
      case '--data-dir':
        options.dataDir = resolve(cwd, value());
        break;
      case '--host':
        options.host = value();
        break;
      case '--fresh':
        options.fresh = true;
        break;
      case '--verbose':
        options.verbose = true;
        break;
      default:
        throw new DevstackError(`Unknown option ${arg}.`, USAGE);
    }
  }
  return options;
}

function portOf(raw: string, source: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new DevstackError(`${source} must be a port number (0-65535), got "${raw}".`);
  }
  return port;
}
