import { defineConfig } from 'vitest/config';

const ignored = [
  '**/node_modules/**',
  '**/.serverless/**',
  '**/.esbuild/**',
  '**/.esbuild-devstack*/**',
  '**/.devstack/**',
  '**/dist/**',
];

export default defineConfig({
  test: {
    // The JSON report lets .ci/run print the plain "N passed, N failed" line CI reads.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: [...ignored, 'clients/**', '**/*.int.test.ts', '**/*.e2e.test.ts'],
          environment: 'node',
          // Handlers log every refused request; unit tests assert on responses, not on log lines.
          env: { LOG_LEVEL: 'SILENT' },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts', '**/*.e2e.test.ts'],
          exclude: ignored,
          environment: 'node',
          // One devstack for the whole integration run, on free ports and a temporary data dir.
          globalSetup: ['shared/testing/src/devstack-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      // The web client's component and store tests (jsdom), configured in its own folder.
      'clients/web/vitest.config.ts',
    ],
  },
});
