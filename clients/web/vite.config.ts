import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { build, defineConfig, type Plugin } from 'vite';

/** Where `npm run dev` sends `/api` and `/ws`: the devstack origin (see tools/devstack). */
const devstack = process.env.PARLEY_DEVSTACK_URL ?? 'http://localhost:3000';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Builds `src/sw.ts` into `dist/sw.js` once the app is written: a classic script of its own (no
 * shared chunks, so every browser runs it), given the build's hashed files to precache (all but the
 * Chime SDK's) and a version
 * made from them, index.html and `public/`, so any change to the shell makes a new worker (and the
 * "Update available" notice).
 */
function serviceWorker(): Plugin {
  let outDir = '';
  let root = '';
  return {
    name: 'parley-service-worker',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = config.build.outDir.startsWith('/') ? config.build.outDir : join(config.root, config.build.outDir);
    },
    async writeBundle(_options, bundle) {
      // amazon-chime-sdk-js only runs in calls on AWS: cached when first fetched, not precached
      const chimeOnly = (file: string) => {
        const output = bundle[file];
        return (
          output?.type === 'chunk' && output.moduleIds.some((id) => id.includes('/node_modules/amazon-chime-sdk-js/'))
        );
      };
      const assets = Object.keys(bundle)
        .filter((file) => file.startsWith('assets/') && !file.endsWith('.map') && !chimeOnly(file))
        .map((file) => `/${file}`)
        .sort();
      const hash = createHash('sha256').update(assets.join('\n'));
      hash.update(readFileSync(join(outDir, 'index.html')));
      for (const file of filesUnder(join(root, 'public')).sort())
        hash.update(relative(root, file)).update(readFileSync(file));
      const version = hash.digest('hex').slice(0, 16);
      await build({
        configFile: false,
        root,
        logLevel: 'warn',
        publicDir: false,
        // a string literal holding JSON: an array `define`d directly comes out joined into one string
        define: { __PARLEY_SW_BUILD__: JSON.stringify(JSON.stringify({ version, assets })) },
        build: {
          outDir,
          emptyOutDir: false,
          sourcemap: false,
          target: 'es2022',
          lib: {
            entry: join(root, 'src', 'sw.ts'),
            formats: ['iife'],
            name: 'parleyServiceWorker',
            fileName: () => 'sw.js',
          },
        },
      });
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), tailwindcss(), serviceWorker()],
  // amazon-chime-sdk-js (loaded only for calls on AWS) reads Node's `global`.
  define: { global: 'globalThis' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    // dist/.vite/manifest.json: which chunks each entry and dynamic import pulls in (src/bundle.test.ts, tools/bench web)
    manifest: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: devstack, changeOrigin: true },
      '/ws': { target: devstack.replace(/^http/, 'ws'), ws: true },
    },
  },
});
