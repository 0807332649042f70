import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { devstackInfo, startDevstack } from './devstack.ts';
import './devstack-info.ts';

// Tests run on Node 20 while Lambda runs nodejs22.x: the SDK's "Node 22 from 2027" notice is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * vitest globalSetup of the integration project: one devstack for the whole run, on free ports
 * with a temporary data directory, provided to tests as `inject('devstack')`. With
 * PARLEY_DEVSTACK_URL set (e.g. http://localhost:3000 from `npm start`), that stack is reused.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const reuse = process.env.PARLEY_DEVSTACK_URL;
  if (reuse) {
    project.provide('devstack', await devstackInfo(reuse));
    return undefined;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-devstack-'));
  const started = Date.now();
  // the data dir is thrown away after the run: DynamoDB Local need not write its tables to disk (2-15x faster writes)
  const stack = await startDevstack({ fresh: true, port: 0, dataDir, inMemory: true });
  console.log(
    `devstack ready at ${stack.url} in ${((Date.now() - started) / 1000).toFixed(1)} s (log: ${join(dataDir, 'devstack.log')})`,
  );
  project.provide('devstack', stack.info);
  return async () => {
    await stack.stop();
    if (!process.env.PARLEY_KEEP_DEVSTACK_DATA) rmSync(dataDir, { recursive: true, force: true });
  };
}
