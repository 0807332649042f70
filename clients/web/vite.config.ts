import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `npm run dev` sends `/api` and `/ws`: the devstack origin (see tools/devstack). */
const devstack = process.env.PARLEY_DEVSTACK_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), tailwindcss()],
  // amazon-chime-sdk-js (loaded only for calls on AWS) reads Node's `global`.
  define: { global: 'globalThis' },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: devstack, changeOrigin: true },
      '/ws': { target: devstack.replace(/^http/, 'ws'), ws: true },
    },
  },
});
