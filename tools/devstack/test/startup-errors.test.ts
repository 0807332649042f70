import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkJava } from '../src/dynamodb.ts';
import { DevstackError, describeFailure } from '../src/errors.ts';
import { assertDataDirFree } from '../src/state.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'devstack-errors-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('failures a person can act on are explained, not stack-traced', () => {
  it('given no java on the PATH, then the message says how to install Java 17', () => {
    const failure = (() => {
      try {
        checkJava('/nonexistent/bin/java');
      } catch (err) {
        return err;
      }
    })();

    expect(failure).toBeInstanceOf(DevstackError);
    expect(describeFailure(failure)).toContain('apt-get install openjdk-17-jre-headless');
  });

  it('given the public port is taken, when devstack starts, then it exits 1 naming the port and the --port flag', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((r) =>
      blocker.listen(0, '127.0.0.1', () => r((blocker.address() as { port: number }).port)),
    );
    try {
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'tools/devstack/src/main.ts', '--port', String(port), '--data-dir', tempDir()],
        {
          cwd: ROOT,
          encoding: 'utf8',
          timeout: 30_000,
        },
      );

      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`Port ${port} is already in use`);
      expect(run.stderr).toContain(`--port ${port + 1}`);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });

  it('given a devstack already running from a data directory, then a second one is refused', () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'devstack.json'), JSON.stringify({ pid: process.ppid, url: 'http://localhost:3000' }));

    expect(() => assertDataDirFree(dir)).toThrow(/already running from/);
  });

  it('given the previous devstack stopped, then the data directory is free', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'devstack.json'),
      JSON.stringify({ pid: process.ppid, url: 'x', stoppedAt: new Date().toISOString() }),
    );

    expect(() => assertDataDirFree(dir)).not.toThrow();
  });
});
