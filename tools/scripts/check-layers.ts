/**
 * Layer rules (docs/conventions.md): a service's domain/ imports no AWS SDK, electrodb, middy,
 * powertools or @parley/lambda; shared/domain (@parley/domain, the one shared package domain code
 * may import besides @parley/events) obeys the same rule; a service never imports another service;
 * shared/ never imports services. Exits non-zero listing every violation.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const skip = new Set(['node_modules', '.serverless', '.esbuild', '.devstack', 'dist']);

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (skip.has(name) || name.startsWith('.esbuild-devstack')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|tsx|mts)$/.test(name)) yield path;
  }
}

const importRe =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
const forbiddenInDomain = /^(@aws-sdk\/|electrodb$|@middy\/|@aws-lambda-powertools\/|@parley\/lambda)/;

export function violations(root: string = repoRoot): string[] {
  const problems: string[] = [];
  for (const top of ['services', 'shared']) {
    for (const file of files(join(root, top))) {
      const rel = relative(root, file);
      const parts = rel.split(sep);
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(importRe)) {
        const spec = (m[1] ?? m[2] ?? m[3]) as string;
        const target = spec.startsWith('.') ? relative(root, resolve(file, '..', spec)) : spec;
        if (parts[0] === 'services') {
          const service = parts[1];
          if (parts.includes('domain') && forbiddenInDomain.test(spec)) problems.push(`${rel}: domain imports ${spec}`);
          const other = target.startsWith(`services${sep}`)
            ? target.split(sep)[1]
            : /^@parley\/service-/.test(spec)
              ? spec.slice('@parley/service-'.length)
              : undefined;
          if (other && other !== service)
            problems.push(`${rel}: service ${service} imports service ${other} (${spec})`);
        } else {
          if (parts[1] === 'domain' && forbiddenInDomain.test(spec))
            problems.push(`${rel}: shared domain imports ${spec}`);
          if (target.startsWith(`services${sep}`) || /^@parley\/service-/.test(spec))
            problems.push(`${rel}: shared code imports a service (${spec})`);
        }
      }
    }
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = violations();
  if (problems.length) {
    console.error(`Layer rules broken:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('layer rules: ok');
}
