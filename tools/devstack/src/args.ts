import { resolve } from 'node:path';
import { parseArgs as parseFlags } from 'node:util';
import { DevstackError } from './errors.ts';
import { MESSAGING_PROVIDERS, type MessagingProvider } from './messaging/config.ts';

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
  /** the provider notifications texts through (`--messaging-provider`, `PARLEY_MESSAGING_PROVIDER`, default aws) */
  messagingProvider: MessagingProvider;
  /** DynamoDB Local keeps its tables in memory, not in the data dir (`--in-memory`, `PARLEY_DYNAMODB_IN_MEMORY=1`) */
  inMemory: boolean;
}

export const USAGE = `Usage: npm start -- [--port 3000] [--data-dir .devstack] [--fresh] [--in-memory] [--verbose] [--messaging-provider aws]

  --port N        public origin port (env PARLEY_PORT, default 3000)
  --data-dir DIR  where tables, files, keys and the SMS outbox persist (env PARLEY_DATA_DIR, default .devstack)
  --fresh         wipe the data directory first
  --in-memory     DynamoDB Local keeps the tables in memory: gone at exit, about 2-15x faster writes
                  (env PARLEY_DYNAMODB_IN_MEMORY=1; files, keys and outboxes still persist)
  --host NAME     host name used in public URLs (env PARLEY_HOST, default localhost)
  --verbose       also print health-check request logs
  --messaging-provider aws|twilio
                  who sends and receives texts (env PARLEY_MESSAGING_PROVIDER, default aws)`;

const FLAGS = {
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  host: { type: 'string' },
  fresh: { type: 'boolean' },
  'in-memory': { type: 'boolean' },
  verbose: { type: 'boolean' },
  'messaging-provider': { type: 'string' },
} as const;

/** Parses flags (`node:util` parseArgs, strict) and environment; throws DevstackError on anything it does not understand. */
export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): DevstackOptions {
  let values: {
    port?: string;
    'data-dir'?: string;
    host?: string;
    fresh?: boolean;
    'in-memory'?: boolean;
    verbose?: boolean;
    'messaging-provider'?: string;
  };
  try {
    ({ values } = parseFlags({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }));
  } catch (err) {
    // parseArgs explains itself ("Unknown option '--nope'", "Option '--port <value>' argument missing")
    // (and, being strict, refuses a flag where a value belongs: `--data-dir --fresh`)
    throw new DevstackError(`${(err as Error).message.replace(/\.?$/, '.')}`, USAGE);
  }
  return {
    port: portOf(values.port ?? env.PARLEY_PORT ?? '3000', values.port === undefined ? 'PARLEY_PORT' : '--port'),
    dataDir: resolve(cwd, values['data-dir'] ?? (env.PARLEY_DATA_DIR || '.devstack')),
    fresh: values.fresh ?? false,
    inMemory: values['in-memory'] ?? ['1', 'true'].includes(env.PARLEY_DYNAMODB_IN_MEMORY ?? ''),
    host: values.host ?? (env.PARLEY_HOST || 'localhost'),
    verbose: values.verbose ?? false,
    messagingProvider: providerOf(
      values['messaging-provider'] ?? (env.PARLEY_MESSAGING_PROVIDER || 'aws'),
      values['messaging-provider'] === undefined ? 'PARLEY_MESSAGING_PROVIDER' : '--messaging-provider',
    ),
  };
}

function providerOf(raw: string, source: string): MessagingProvider {
  if ((MESSAGING_PROVIDERS as readonly string[]).includes(raw)) return raw as MessagingProvider;
  throw new DevstackError(`${source} must be one of ${MESSAGING_PROVIDERS.join(', ')}, got "${raw}".`);
}

function portOf(raw: string, source: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new DevstackError(`${source} must be a port number (0-65535), got "${raw}".`);
  }
  return port;
}
