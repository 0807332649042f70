import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

/** Component and store tests of the web client (the root `vitest.config.ts` lists this project as `web`). */
export default defineProject({
  root: import.meta.dirname,
  plugins: [react()],
  test: {
    name: 'web',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
  },
});
