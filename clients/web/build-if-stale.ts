/**
 * Builds the web client when `dist/` is missing or older than its sources, so a fresh
 * `npm ci && npm start` shows the real client. devstack's launcher calls it before serving `/`;
 * it is also runnable alone: `npx tsx clients/web/build-if-stale.ts`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_DIR = dirname(fileURLToPath(import.meta.url));
const SOURCES = [
  'src',
  'public',
  'index.html',
  'vite.config.ts',
  'package.json',
  // source packages the client imports (vite bundles them)
  '../../shared/events/src',
  '../../shared/realtime/src',
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.endsWith('.test.ts') || entry.endsWith('.test.tsx')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** True when `dist/index.html` is missing or older than any source file. */
export function webBuildIsStale(webDir: string = WEB_DIR): boolean {
  const built = join(webDir, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(webDir, source)) > builtAt);
}

/**
 * Runs `vite build` for the client when it is stale; resolves to true when it built, false when
 * `dist/` was current. Rejects with the build's output when the build fails.
 */
export async function buildWebIfStale(
  options: { webDir?: string; log?: (line: string) => void } = {},
): Promise<boolean> {
  const webDir = options.webDir ?? WEB_DIR;
  if (!webBuildIsStale(webDir)) return false;
  options.log?.('building the web client (clients/web/dist is missing or older than its sources)…');
  const viteBin = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], {
      cwd: webDir,
      // a test runner's NODE_ENV=test would otherwise give React's development build
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build failed (exit ${code}):\n${output.slice(-4000)}`)),
    );
  });
  options.log?.('web client built');
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildWebIfStale({ log: (line) => console.log(line) }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
