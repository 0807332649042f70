/**
 * The web client's build as the browser meets it: which chunks each screen needs (from Vite's
 * `dist/.vite/manifest.json`), which modules a chunk holds (from its source map), and each file's
 * size raw, gzip and brotli. `npm run bench:web` reports them; tools/bench/test/web-bundle.test.ts
 * checks on the real build that the sign-in screen and the chat list carry no call or admin code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** One entry of Vite's build manifest (vite's `ManifestChunk`, the fields read here). */
export interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

/**
 * The screens measured, by the modules whose chunks the app loads for them (beside the entry): the chat
 * list needs the shell and the signed-in workspace (its stores, `src/lib/workspace.ts`), both behind import().
 */
export const SCREENS = {
  signIn: ['src/views/auth-screen.tsx'],
  chatList: ['src/views/app-shell.tsx', 'src/lib/workspace.ts'],
} as const;
export type Screen = keyof typeof SCREENS;

export function readManifest(dist: string): Manifest {
  return JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}

/** The manifest keys loaded with `keys`: themselves and every static import, transitively. */
export function staticClosure(manifest: Manifest, keys: string[]): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest`);
    seen.add(key);
    for (const next of chunk.imports ?? []) visit(next);
  };
  for (const key of keys) visit(key);
  return [...seen];
}

/** The JavaScript files a screen needs before it can show: the entry and its chunk, with their static imports. */
export function screenFiles(manifest: Manifest, screen: Screen): string[] {
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry && key.endsWith('index.html'));
  if (!entry) throw new Error('the build manifest has no index.html entry');
  return staticClosure(manifest, [entry, ...SCREENS[screen]])
    .map((key) => manifest[key]?.file as string)
    .filter((file) => file.endsWith('.js'));
}

/** The modules bundled into a chunk: its source map's sources, as `node_modules/<package>/…` or `clients/web/src/…`. */
export function modulesOf(dist: string, file: string): string[] {
  const map = JSON.parse(readFileSync(join(dist, `${file}.map`), 'utf8')) as { sources: string[] };
  return map.sources.map((relativeSource) => {
    // sources are relative to the map's folder
    const source = resolve(dirname(join(dist, file)), relativeSource)
      .split(sep)
      .join('/');
    const nm = source.lastIndexOf('node_modules/');
    if (nm >= 0) return source.slice(nm);
    const web = source.indexOf('clients/web/');
    return web >= 0 ? source.slice(web) : source;
  });
}

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

/** Sizes at the compressions a browser gets: gzip level 9, and brotli at 9 (what devstack serves) and 11 (the most). */
export function sizeOf(body: Buffer): { raw: number; gzip: number; brotli: number; brotliMax: number } {
  const brotli = (quality: number) =>
    brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }).length;
  return { raw: body.length, gzip: gzipSync(body, { level: 9 }).length, brotli: brotli(9), brotliMax: brotli(11) };
}

/** Every JavaScript and CSS file of the build with its sizes, largest first. */
export function buildSizes(dist: string): (FileSize & { brotliMax: number })[] {
  const files = readdirSync(join(dist, 'assets'))
    .filter((name) => /\.(js|css)$/.test(name))
    .map((name) => relative(dist, join(dist, 'assets', name)));
  return files.map((file) => ({ file, ...sizeOf(readFileSync(join(dist, file))) })).sort((a, b) => b.raw - a.raw);
}

/** Totals of a set of files. */
export function total(sizes: FileSize[], files: string[]): { raw: number; gzip: number; brotli: number } {
  const picked = sizes.filter((s) => files.includes(s.file));
  return {
    raw: picked.reduce((n, s) => n + s.raw, 0),
    gzip: picked.reduce((n, s) => n + s.gzip, 0),
    brotli: picked.reduce((n, s) => n + s.brotli, 0),
  };
}

/** Module paths that are call or admin code: none of them may reach the sign-in screen or the chat list. */
/** What only a signed-in person's workspace needs: the sign-in screen loads none of it (the stores but the session's, the realtime link, the frames' schemas, phone number parsing). */
export const WORKSPACE_ONLY = [
  /^clients\/web\/src\/lib\/workspace\.ts$/,
  /^clients\/web\/src\/lib\/(?!session-)[\w-]+-store\.ts$/,
  /^clients\/web\/src\/lib\/realtime-client\.ts$/,
  /^node_modules\/libphonenumber-js\//,
  /^node_modules\/zod\//,
];

export const CALL_OR_ADMIN = [
  /^node_modules\/amazon-chime-sdk-js\//,
  /^clients\/web\/src\/lib\/media\/(chime-media|webrtc-relay)\.ts$/,
  /^clients\/web\/src\/views\/(call-layer|call-screen|phone-call-screen|ringing-panel|phone-ringing-panel|calls-view|dial-pad|voicemail-list)\.tsx$/,
  /^clients\/web\/src\/views\/admin-[\w-]+\.tsx$/,
];
