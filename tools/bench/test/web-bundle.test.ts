import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildWebIfStale } from '@parley/web/build-if-stale';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CALL_OR_ADMIN,
  type Manifest,
  modulesOf,
  readManifest,
  screenFiles,
  WORKSPACE_ONLY,
} from '../src/web-bundle.ts';

// On the real build of clients/web (made first when stale): what the sign-in screen and the chat
// list load, read from Vite's manifest and the chunks' source maps.
const dist = join(import.meta.dirname, '..', '..', '..', 'clients', 'web', 'dist');
let manifest: Manifest;

beforeAll(async () => {
  await buildWebIfStale();
  manifest = readManifest(dist);
}, 180_000);

describe('the web client is split so the first screens load no call or admin code', () => {
  it.each(['signIn', 'chatList'] as const)(
    'given the %s screen, then none of its chunks holds call or admin code',
    (screen) => {
      const files = screenFiles(manifest, screen);
      const modules = files.flatMap((file) => modulesOf(dist, file));

      expect(files.length).toBeGreaterThan(0);
      expect(modules.filter((m) => CALL_OR_ADMIN.some((re) => re.test(m)))).toEqual([]);
    },
  );

  it('given the sign-in screen, then it loads no chat code, and the chat list no sign-in code', () => {
    const signIn = screenFiles(manifest, 'signIn').flatMap((file) => modulesOf(dist, file));
    const chatList = screenFiles(manifest, 'chatList').flatMap((file) => modulesOf(dist, file));

    expect(signIn).not.toContain('clients/web/src/views/conversation-list.tsx');
    expect(chatList).toContain('clients/web/src/views/conversation-list.tsx');
    expect(chatList).not.toContain('clients/web/src/views/auth-screen.tsx');
  });

  it('given the sign-in screen, then it loads none of the workspace: no store, no realtime link, no libphonenumber or zod', () => {
    const signIn = screenFiles(manifest, 'signIn').flatMap((file) => modulesOf(dist, file));
    const chatList = screenFiles(manifest, 'chatList').flatMap((file) => modulesOf(dist, file));

    expect(signIn).toContain('clients/web/src/lib/session-store.ts');
    expect(signIn.filter((m) => WORKSPACE_ONLY.some((re) => re.test(m)))).toEqual([]);
    // the chat list does load them: the patterns match what the workspace holds
    expect(chatList).toContain('clients/web/src/lib/workspace.ts');
    expect(chatList).toContain('clients/web/src/lib/conversation-store.ts');
    expect(chatList.some((m) => m.startsWith('node_modules/libphonenumber-js/'))).toBe(true);
    expect(manifest['src/lib/workspace.ts']?.isDynamicEntry).toBe(true);
  });

  it('given a call, then the Chime SDK and the call views are still in the build, behind import()', () => {
    const all = Object.values(manifest)
      .filter((chunk) => chunk.file.endsWith('.js'))
      .flatMap((chunk) => modulesOf(dist, chunk.file));
    const callLayer = manifest['src/views/call-layer.tsx'];

    expect(all.some((m) => m.startsWith('node_modules/amazon-chime-sdk-js/'))).toBe(true);
    expect(callLayer?.isDynamicEntry).toBe(true);
    expect(manifest['src/views/admin-view.tsx']?.isDynamicEntry).toBe(true);
  });

  it("given the service worker, then it precaches every screen's chunks, each on disk, and not the Chime SDK", () => {
    const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
    const literal = /JSON\.parse\(`(\{"version".*?\})`\)/s.exec(sw)?.[1];
    const precached = (JSON.parse(literal ?? '{}') as { assets?: string[] }).assets ?? [];
    const chime = Object.values(manifest)
      .filter((chunk) => chunk.file.endsWith('.js'))
      .filter((chunk) => modulesOf(dist, chunk.file).some((m) => m.startsWith('node_modules/amazon-chime-sdk-js/')))
      .map((chunk) => `/${chunk.file}`);

    expect(precached.length).toBeGreaterThan(5);
    for (const file of [...screenFiles(manifest, 'signIn'), ...screenFiles(manifest, 'chatList')])
      expect(precached).toContain(`/${file}`);
    expect(precached.filter((file) => !existsSync(join(dist, file)))).toEqual([]);
    expect(chime.length).toBeGreaterThan(0);
    expect(precached.filter((file) => chime.includes(file))).toEqual([]);
  });
});
