/**
 * `npm run bench:web [-- --runs 5 --url <origin> --compare <old dist> --out <file>]`
 *
 * Builds the web client (`vite build`), records every chunk's size raw, gzip and brotli, the
 * JavaScript the sign-in screen and the chat list need (Vite's manifest), and the time to a visible
 * chat list in Chromium, cold and warm (service worker), on a private devstack it boots (or --url),
 * beside its floor: an empty page served by the same devstack, measured the same way in the same run.
 * `--compare` names an older build's dist/ (one whose index.html loads everything up front) for the
 * before/after figures. Method and figures: docs/benchmarks.md.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Running, startDevstack } from './processes.ts';
import { summarise } from './stats.ts';
import { coldAndWarm, FLOOR_HTML, FLOOR_PAGE, floorColdAndWarm, type Load, launchChromium } from './web-browser.ts';
import { buildSizes, readManifest, screenFiles, sizeOf, total } from './web-bundle.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const WEB = join(ROOT, 'clients', 'web');
const DIST = join(WEB, 'dist');

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    url: { type: 'string' },
    compare: { type: 'string' },
    out: { type: 'string' },
  },
});
const runs = Number(values.runs);
if (!(runs >= 1)) {
  console.error(
    'usage: npm run bench:web -- [--runs 5] [--url http://localhost:3000] [--compare <old dist>] [--out results.json]',
  );
  process.exit(2);
}

const log = (text: string) => process.stderr.write(`[bench:web] ${text}\n`);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}` : '–');

async function build(): Promise<number> {
  const vite = join(
    resolve(createRequire(join(WEB, 'package.json')).resolve('vite/package.json'), '..'),
    'bin',
    'vite.js',
  );
  const started = Date.now();
  await new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
      cwd: WEB,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`vite build exited ${code}`))));
  });
  return Date.now() - started;
}

/** The scripts an unsplit build's index.html loads up front (its entry and modulepreloads). */
function upFrontScripts(dist: string): { raw: number; gzip: number; brotli: number; files: string[] } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  const sizes = files.map((file) => sizeOf(readFileSync(join(dist, file))));
  return {
    files,
    raw: sizes.reduce((n, s) => n + s.raw, 0),
    gzip: sizes.reduce((n, s) => n + s.gzip, 0),
    brotli: sizes.reduce((n, s) => n + s.brotli, 0),
  };
}

async function seed(origin: string): Promise<{ email: string; password: string }> {
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${origin}/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as {
      user: { id: string };
      tokens: { accessToken: string };
      conversation?: { id: string };
      id?: string;
    };
  };
  const tag = Date.now().toString(36);
  const password = 'a calm long passphrase';
  const ada = { email: `bench.ada.${tag}@example.com`, password, displayName: 'Ada Bench' };
  const me = await post('/identity/auth/register', ada);
  for (let i = 0; i < 5; i++) {
    const other = await post('/identity/auth/register', {
      email: `bench.p${i}.${tag}@example.com`,
      password,
      displayName: `Person ${i}`,
    });
    const made = await post('/messaging/conversations', { memberIds: [other.user.id] }, me.tokens.accessToken);
    const id = made.conversation?.id ?? made.id;
    for (let m = 0; m < 5; m++)
      await post(
        `/messaging/conversations/${id}/messages`,
        { text: `Message ${m} to ${i}`, clientMessageId: `${tag}-${i}-${m}` },
        me.tokens.accessToken,
      );
  }
  return { email: ada.email, password };
}

async function main(): Promise<void> {
  log('building the web client…');
  const buildMs = await build();
  const manifest = readManifest(DIST);
  const sizes = buildSizes(DIST);
  const screens = {
    signIn: total(sizes, screenFiles(manifest, 'signIn')),
    chatList: total(sizes, screenFiles(manifest, 'chatList')),
  };
  const before = values.compare ? upFrontScripts(resolve(values.compare)) : undefined;

  let devstack: Running | undefined;
  const origin =
    values.url ??
    (await (async () => {
      log('booting a private devstack…');
      devstack = await startDevstack(mkdtempSync(join(tmpdir(), 'parley-bench-web-counts-')));
      return devstack.url;
    })());
  const loads: { cold: Load; warm: Load }[] = [];
  const floors: { cold: Load; warm: Load }[] = [];
  // the floor's page, served by the same devstack from the same dist/ (removed after the run)
  const floorFile = join(DIST, FLOOR_PAGE);
  writeFileSync(floorFile, FLOOR_HTML);
  try {
    const who = await seed(origin);
    const browser = await launchChromium();
    try {
      // one unmeasured load of each: devstack compresses each file once per build
      await coldAndWarm(browser, origin, who);
      await floorColdAndWarm(browser, origin);
      // interleaved, so a slow moment of the machine hits both alike
      for (let i = 0; i < runs; i++) {
        floors.push(await floorColdAndWarm(browser, origin));
        loads.push(await coldAndWarm(browser, origin, who));
        log(
          `run ${i + 1}/${runs}: chat list cold ${loads.at(-1)?.cold.shownMs.toFixed(0)} ms, warm ${loads.at(-1)?.warm.shownMs.toFixed(0)} ms; floor cold ${floors.at(-1)?.cold.shownMs.toFixed(0)} ms, warm ${floors.at(-1)?.warm.shownMs.toFixed(0)} ms`,
        );
      }
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(floorFile, { force: true });
    await devstack?.stop();
  }

  const cold = summarise(loads.map((l) => l.cold.shownMs));
  const warm = summarise(loads.map((l) => l.warm.shownMs));
  const floorCold = summarise(floors.map((l) => l.cold.shownMs));
  const floorWarm = summarise(floors.map((l) => l.warm.shownMs));
  const spread = (xs: number[]) => ({ min: Math.min(...xs), max: Math.max(...xs) });
  const result = {
    at: new Date().toISOString(),
    machine: { host: hostname(), cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    runs,
    buildMs,
    chunks: sizes,
    screens,
    before,
    chatList: {
      cold,
      warm,
      coldRange: spread(loads.map((l) => l.cold.shownMs)),
      warmRange: spread(loads.map((l) => l.warm.shownMs)),
      coldScriptBytes: loads[0]?.cold.scriptBytes,
      warmScriptBytes: loads[0]?.warm.scriptBytes,
      coldScripts: loads[0]?.cold.scriptFiles,
      samples: loads.map((l) => ({ cold: l.cold.shownMs, warm: l.warm.shownMs })),
    },
    floor: {
      cold: floorCold,
      warm: floorWarm,
      samples: floors.map((l) => ({ cold: l.cold.shownMs, warm: l.warm.shownMs })),
    },
  };

  const lines = [
    `build: ${(buildMs / 1000).toFixed(1)} s, ${sizes.length} JS/CSS files`,
    '',
    '| file | raw | gzip | brotli (q9, served) | brotli q11 | brotli ÷ raw |',
    '|---|---|---|---|---|---|',
    ...sizes.map(
      (s) =>
        `| ${s.file} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} | ${kb(s.brotliMax)} | ${ratio(s.brotli, s.raw)} |`,
    ),
    '',
    '| JavaScript needed for | raw | gzip | brotli |',
    '|---|---|---|---|',
    ...(before
      ? [`| everything up front (--compare build) | ${kb(before.raw)} | ${kb(before.gzip)} | ${kb(before.brotli)} |`]
      : []),
    `| the sign-in screen | ${kb(screens.signIn.raw)} | ${kb(screens.signIn.gzip)} | ${kb(screens.signIn.brotli)} |`,
    `| the chat list | ${kb(screens.chatList.raw)} | ${kb(screens.chatList.gzip)} | ${kb(screens.chatList.brotli)} |`,
    ...(before
      ? [
          '',
          `after ÷ before (raw): sign-in ${ratio(screens.signIn.raw, before.raw)}, chat list ${ratio(screens.chatList.raw, before.raw)}; over the wire (brotli) chat list after ÷ raw before: ${ratio(screens.chatList.brotli, before.raw)}`,
        ]
      : []),
    '',
    `time to a visible chat list (${runs} runs): cold p50 ${cold.p50.toFixed(0)} ms (p95 ${cold.p95.toFixed(0)}), warm p50 ${warm.p50.toFixed(0)} ms (p95 ${warm.p95.toFixed(0)})`,
    `floor, an empty page from the same devstack: cold p50 ${floorCold.p50.toFixed(0)} ms (p95 ${floorCold.p95.toFixed(0)}), warm p50 ${floorWarm.p50.toFixed(0)} ms (p95 ${floorWarm.p95.toFixed(0)})`,
    `chat list ÷ floor (p50): cold ${ratio(cold.p50, floorCold.p50)}, warm ${ratio(warm.p50, floorWarm.p50)}; warm ÷ cold (p50): ${ratio(warm.p50, cold.p50)}`,
    `script bytes over the wire: cold ${kb(result.chatList.coldScriptBytes ?? 0)}, warm ${kb(result.chatList.warmScriptBytes ?? 0)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (values.out) writeFileSync(values.out, JSON.stringify(result, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
