import { describe, expect, it } from 'vitest';
import { type DependencyInput, dependencyProblems, type Manifest } from './check-deps.ts';
import { packageOf, packagesUsedBy } from './source-imports.ts';

const root: Manifest = {
  dir: '',
  name: 'repo',
  scripts: { lint: 'biome check . && tsx tools/scripts/check.ts' },
  devDependencies: { '@biomejs/biome': '1', tsx: '1', vitest: '1', '@types/node': '1', '@types/ws': '1', ws: '1' },
};

function check(input: Partial<DependencyInput> & Pick<DependencyInput, 'files'>): string[] {
  return dependencyProblems({
    manifests: input.manifests ?? [root],
    files: input.files,
    installed: input.installed ?? {
      '@biomejs/biome': { bins: ['biome'], peers: [] },
      tsx: { bins: ['tsx'], peers: [] },
    },
  });
}

describe('dependency check', () => {
  it('passes when every package a workspace imports is declared in the right list, and every declared one is used', () => {
    // Given a service whose handler, type import, dynamic import and require are all declared
    const service: Manifest = {
      dir: 'services/a',
      name: '@x/a',
      dependencies: { zod: '1', electrodb: '1', '@aws-sdk/client-s3': '1' },
      devDependencies: { '@types/aws-lambda': '1' },
    };
    const files = [
      {
        path: 'tools/scripts/check.ts',
        text: "import { readFileSync } from 'node:fs';\nimport { WebSocket } from 'ws';",
      },
      { path: 'tools/scripts/check.test.ts', text: "import { it } from 'vitest';" },
      {
        path: 'services/a/src/handler.ts',
        text: [
          "import { z } from 'zod';",
          "import type { APIGatewayProxyEvent } from 'aws-lambda';",
          "import { own } from '@x/a/own';",
          "const s3 = await import('@aws-sdk/client-s3');",
          "const { Entity } = require('electrodb');",
          "// import { nothing } from 'left-pad'",
          'const text = "import \'not-a-package\'";',
        ].join('\n'),
      },
    ];

    // When checked
    const problems = check({ manifests: [root, service], files });

    // Then nothing is reported (comments and strings are not imports; the workspace's own subpaths are skipped)
    expect(problems).toEqual([]);
  });

  it('lists packages used but not declared, declared but unused, and production code relying on a devDependency', () => {
    // Given a web client with a stray declaration, an undeclared config import and a runtime import from devDependencies
    const web: Manifest = {
      dir: 'clients/web',
      name: '@x/web',
      dependencies: { react: '1', '@radix-ui/react-tabs': '1' },
      devDependencies: { clsx: '1' },
    };
    const files = [
      { path: 'clients/web/src/app.tsx', text: "import { useState } from 'react';\nimport { cn } from 'clsx';" },
      { path: 'clients/web/vite.config.ts', text: "import { defineConfig } from 'vite';" },
      { path: 'clients/web/src/lib/frames.ts', text: "export type { Frame } from '@x/realtime/frames';" },
      { path: 'tools/scripts/check.ts', text: "import { WebSocket } from 'ws';" },
    ];

    // When checked
    const problems = check({ manifests: [root, web], files });

    // Then each problem names the package.json, the package and where it is used
    expect(problems).toEqual([
      'clients/web/package.json: "@radix-ui/react-tabs" is declared, but nothing uses it',
      'clients/web/package.json: "@x/realtime" is not declared, but clients/web/src/lib/frames.ts uses it',
      'clients/web/package.json: "clsx" is only a devDependency, but production code uses it (clients/web/src/app.tsx)',
      'clients/web/package.json: "vite" is not declared, but clients/web/vite.config.ts uses it',
      'package.json: "@types/node" is declared, but nothing uses it',
      'package.json: "vitest" is declared, but nothing uses it',
    ]);
  });

  it('lets tests and configs use the root toolchain, and counts plugins, scripts, @types and peers as uses', () => {
    // Given a service whose tests use root's vitest, whose serverless.yml names root's plugins, and a vitest
    // config naming jsdom; the root declares a peer of a plugin and a script's command
    const rootWithPlugins: Manifest = {
      ...root,
      scripts: { ...root.scripts, package: 'serverless package' },
      devDependencies: {
        ...root.devDependencies,
        serverless: 'npm:osls@4',
        'serverless-esbuild': '1',
        esbuild: '0.28',
        '@osls/compose': '1',
      },
    };
    const service: Manifest = { dir: 'services/a', name: '@x/a', devDependencies: { jsdom: '1' } };
    const files = [
      { path: 'serverless-compose.yml', text: 'services:\n  a:\n    path: services/a\n' },
      {
        path: 'services/a/serverless.yml',
        text: 'service: a\nplugins:\n  - serverless-esbuild\n\nprovider:\n  name: aws\n',
      },
      { path: 'services/a/test/a.test.ts', text: "import { it } from 'vitest';\nimport ws from 'ws';" },
      { path: 'services/a/vitest.config.ts', text: "export default { test: { environment: 'jsdom' } };" },
      { path: 'tools/scripts/check.ts', text: "import { join } from 'node:path';" },
    ];
    const installed = {
      '@biomejs/biome': { bins: ['biome'], peers: [] },
      tsx: { bins: ['tsx'], peers: [] },
      serverless: { bins: ['serverless', 'sls'], peers: [] },
      'serverless-esbuild': { bins: [], peers: ['esbuild'] },
    };

    // When checked
    const problems = check({ manifests: [rootWithPlugins, service], files, installed });

    // Then nothing is reported: ws's types, esbuild (a peer), serverless (a script) and @osls/compose all count
    expect(problems).toEqual([]);
  });

  it('reads package names from specifiers, CSS, tsconfig types and serverless plugins', () => {
    // Given files of each kind
    const css = packagesUsedBy('src/index.css', '@import "tailwindcss";\n@import "./local.css";');
    const tsconfig = packagesUsedBy('tsconfig.json', '{ "compilerOptions": { "types": ["vite/client", "node"] } }');
    const yml = packagesUsedBy('serverless.yml', 'plugins:\n  - serverless-offline\n  - "@x/devstack" # local\n');
    const resolved = packagesUsedBy(
      'e2e/support.ts',
      "createRequire(import.meta.url).resolve('axe-core/axe.min.js');\nrequire.resolve('esbuild', { paths: [plugin] });",
    );

    // Then each names the packages, and a resolve from someone else's paths is not a use
    expect(packageOf('@scope/pkg/sub/path.js')).toBe('@scope/pkg');
    expect([packageOf('./local.ts'), packageOf('node:fs'), packageOf('fs'), packageOf('virtual:x')]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(css.map((u) => u.name)).toEqual(['tailwindcss']);
    expect(tsconfig).toEqual([
      { name: 'vite', typeOnly: true },
      { name: '@types/node', typeOnly: true },
    ]);
    expect(yml.map((u) => u.name)).toEqual(['serverless-offline', '@x/devstack']);
    expect(resolved.map((u) => u.name)).toEqual(['axe-core']);
  });
});
