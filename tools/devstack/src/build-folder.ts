import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The environment variable that tells the devstack Serverless plugin where serverless-esbuild
 * builds on `offline start` (its `outputWorkFolder`, relative to the service directory).
 */
export const BUILD_FOLDER_ENV = 'PARLEY_ESBUILD_WORK_FOLDER';

/**
 * The build folder of the devstack whose data lives in `dataDir`: `.esbuild-devstack` for the
 * default data dir (`<root>/.devstack`), `.esbuild-devstack-<8 hex of the data dir's path>` for
 * any other. `npm run package` (and every other devstack) builds and deletes its own folder, so
 * none of them can pull the bundles from under a running stack. The folder stays inside the
 * service directory: Node resolves the packages kept out of the bundles from the repo's node_modules.
 */
export function buildFolderFor(dataDir: string, root: string): string {
  const dir = resolve(dataDir);
  if (dir === resolve(root, '.devstack')) return '.esbuild-devstack';
  return `.esbuild-devstack-${createHash('sha256').update(dir).digest('hex').slice(0, 8)}`;
}

/** Removes a stopped devstack's build folder from every service. */
export function removeBuildFolders(root: string, services: readonly string[], folder: string): void {
  for (const name of services) rmSync(join(root, 'services', name, folder), { recursive: true, force: true });
}
