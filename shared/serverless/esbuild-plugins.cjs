'use strict';
/**
 * esbuild plugins of every Parley service (common.yml `esbuild.plugins`; serverless-esbuild calls this
 * with the Serverless instance).
 *
 * On `package` and `deploy` only: source maps are written `external` (no `sourceMappingURL` comment)
 * and moved out of the build folder into `<package dir>/sourcemaps/<bundle path>.map` before
 * serverless-esbuild zips it, so no function zip carries its map (ADR 0022: a map was ~80% of a
 * zip and Node parses it at init under --enable-source-maps). The maps stay beside the zips, one per
 * bundle, for symbolicating an AWS stack trace offline (keepNames keeps the function names in it).
 * `serverless offline` (devstack) is untouched: its bundles keep their linked maps, for
 * NODE_OPTIONS=--enable-source-maps.
 */
const fs = require('node:fs');
const path = require('node:path');

const PACKAGING = new Set(['package', 'deploy']);

/** @param {any} serverless */
module.exports = (serverless) => {
  if (!PACKAGING.has(serverless.processedInput?.commands?.[0])) return [];
  const serviceDir = serverless.serviceDir ?? process.cwd();
  const esbuild = serverless.service.custom?.esbuild ?? {};
  const workDir = path.join(serviceDir, esbuild.outputWorkFolder ?? '.esbuild');
  const buildDir = path.join(workDir, esbuild.outputBuildFolder ?? '.build');
  // serverless-esbuild copies <work dir>/.serverless into the package dir after zipping.
  const mapsDir = path.join(workDir, '.serverless', 'sourcemaps');
  return [
    {
      name: 'parley-maps-beside-the-zip',
      setup(build) {
        if (!build.initialOptions.sourcemap) return;
        build.initialOptions.sourcemap = 'external';
        build.onEnd((result) => {
          if (result.errors.length > 0) return;
          const { outdir, outExtension, entryPoints } = build.initialOptions;
          if (!outdir || !Array.isArray(entryPoints)) return;
          for (const entry of entryPoints) {
            // Only this build's own map: functions whose handlers share a folder build concurrently.
            const name = `${path.basename(String(entry), path.extname(String(entry)))}${outExtension?.['.js'] ?? '.js'}.map`;
            const source = path.join(outdir, name);
            if (!fs.existsSync(source)) continue;
            const target = path.join(mapsDir, path.relative(buildDir, source));
            fs.mkdirSync(path.dirname(target), { recursive: true });
            fs.renameSync(source, target);
          }
        });
      },
    },
  ];
};
