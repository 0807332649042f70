/**
 * `npm run package` while a devstack runs: serverless-esbuild builds the AWS bundles in `.esbuild`
 * and deletes it afterwards; the devstack builds in its own folder, so its handlers keep working.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { api } from '@parley/testing/api';
import { describe, expect, inject, it } from 'vitest';
import { buildFolderFor } from '../src/build-folder.ts';
import { serverlessBin } from '../src/services.ts';

const info = inject('devstack');
const repo = resolve(import.meta.dirname, '../../..');
const numbersDir = join(repo, 'services', 'numbers');

/**
 * Runs `serverless package --stage ci` in services/numbers, as `npm run package` does per service,
 * writing the artifacts to a temporary folder: `.serverless/` keeps what `npm run package` made, which
 * the template tests read at the same time.
 */
function packageNumbers(): Promise<{ code: number | null; output: string }> {
  const out = mkdtempSync(join(tmpdir(), 'parley-package-'));
  return new Promise<{ code: number | null; output: string }>((done, fail) => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PARLEY_')));
    const child = spawn(process.execPath, [serverlessBin(), 'package', '--stage', 'ci', '--package', out], {
      cwd: numbersDir,
      env: { ...env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output: output.slice(-2000) }));
  }).finally(() => rmSync(out, { recursive: true, force: true }));
}

describe('packaging beside a running devstack', () => {
  it('given a running devstack, when numbers is packaged for AWS, then the devstack keeps its bundles and its numbers routes answer', async () => {
    const http = api(info.url);
    const devstackBuild = join(numbersDir, buildFolderFor(info.dataDir, repo));
    const bundlesBefore = readdirSync(devstackBuild, { recursive: true }).length;

    const packaged = await packageNumbers();

    const { body: registered } = await http.post<{ tokens: { accessToken: string } }>('/api/identity/auth/register', {
      email: `pkg-${randomUUID().slice(0, 8)}@example.com`,
      password: 'a long enough passphrase 42',
      displayName: 'Package Check',
    });
    const countries = await http.get('/api/numbers/numbers/countries', { token: registered.tokens.accessToken });
    expect(packaged).toMatchObject({ code: 0 });
    expect(existsSync(join(numbersDir, '.esbuild'))).toBe(false);
    expect(readdirSync(devstackBuild, { recursive: true }).length).toBe(bundlesBefore);
    expect(countries.status).toBe(200);
  }, 300_000);
});
