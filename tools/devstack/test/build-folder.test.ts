import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BUILD_FOLDER_ENV, buildFolderFor, removeBuildFolders } from '../src/build-folder.ts';
import { offlineEnvironment, type StackLayout } from '../src/services.ts';

// The devstack Serverless plugin as serverless loads it: a CommonJS class built with the CLI's state.
type EsbuildConfig = Record<string, unknown>;
type PluginClass = new (
  serverless: {
    processedInput: { commands: string[] };
    service: { custom: { esbuild: EsbuildConfig } };
    serviceDir: string;
  },
  options: object,
  utils: object,
) => unknown;
const Plugin = createRequire(import.meta.url)('../serverless-plugin.cjs') as PluginClass;
const repo = resolve(import.meta.dirname, '../../..');
const quiet = { log: { notice() {}, warning() {}, error() {} } };

/** What serverless-esbuild would read as its options after the plugin loaded for `command`. */
function esbuildAfterLoading(command: string): EsbuildConfig {
  const esbuild: EsbuildConfig = { bundle: true };
  new Plugin(
    {
      processedInput: { commands: [command] },
      service: { custom: { esbuild } },
      serviceDir: join(repo, 'services', 'identity'),
    },
    {},
    quiet,
  );
  return esbuild;
}

describe('each devstack builds into its own serverless-esbuild work folder', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('given the launcher’s work folder, when serverless loads the plugin for offline, then serverless-esbuild builds there', () => {
    vi.stubEnv(BUILD_FOLDER_ENV, '.esbuild-devstack-1a2b3c4d');

    expect(esbuildAfterLoading('offline').outputWorkFolder).toBe('.esbuild-devstack-1a2b3c4d');
  });

  it('given the launcher’s work folder, when serverless loads the plugin for package, then it keeps .esbuild', () => {
    vi.stubEnv(BUILD_FOLDER_ENV, '.esbuild-devstack');

    expect(esbuildAfterLoading('package')).not.toHaveProperty('outputWorkFolder');
  });

  it('given no work folder (offline run by hand), then serverless-esbuild’s default stays', () => {
    vi.stubEnv(BUILD_FOLDER_ENV, '');

    expect(esbuildAfterLoading('offline')).not.toHaveProperty('outputWorkFolder');
  });

  it.each(['../outside', '/tmp/abs', '.esbuild', 'node_modules', '.esbuild-a/b'])(
    'given the work folder %s, when loading for offline, then it is refused (it must be a .esbuild-… folder in the service)',
    (value) => {
      vi.stubEnv(BUILD_FOLDER_ENV, value);

      expect(() => esbuildAfterLoading('offline')).toThrow(/PARLEY_ESBUILD_WORK_FOLDER/);
    },
  );

  it('given the default data dir, then .esbuild-devstack; given others, then a folder per data dir', () => {
    const other = buildFolderFor('/tmp/it-1', repo);

    expect(buildFolderFor(join(repo, '.devstack'), repo)).toBe('.esbuild-devstack');
    expect(other).toMatch(/^\.esbuild-devstack-[0-9a-f]{8}$/);
    expect(buildFolderFor('/tmp/it-1/', repo)).toBe(other);
    expect(buildFolderFor('/tmp/it-2', repo)).not.toBe(other);
  });

  it('given a layout, then every offline process is told its build folder', () => {
    const layout: StackLayout = {
      publicOrigin: 'http://localhost:3000',
      buildFolder: '.esbuild-devstack-1a2b3c4d',
      endpoints: {} as StackLayout['endpoints'],
      eventBridge: { port: 1, pubSubPort: 2 },
      services: { identity: { http: 3, lambda: 4, websocket: 5 } },
    };

    expect(offlineEnvironment('identity', layout, {})[BUILD_FOLDER_ENV]).toBe('.esbuild-devstack-1a2b3c4d');
  });

  it('given a stopped devstack, when its build folders are removed, then only its own folder goes', () => {
    const root = mkdtempSync(join(tmpdir(), 'devstack-build-'));
    for (const folder of ['.esbuild-devstack-x', '.esbuild']) {
      mkdirSync(join(root, 'services', 'identity', folder, '.build'), { recursive: true });
      writeFileSync(join(root, 'services', 'identity', folder, '.build', 'h.js'), '');
    }

    removeBuildFolders(root, ['identity', 'messaging'], '.esbuild-devstack-x');

    expect(existsSync(join(root, 'services', 'identity', '.esbuild-devstack-x'))).toBe(false);
    expect(existsSync(join(root, 'services', 'identity', '.esbuild', '.build', 'h.js'))).toBe(true);
  });
});
