/**
 * Dependency check (`npm run lint`): every workspace declares what its files use, and uses what it
 * declares. A file belongs to the nearest workspace above it; files outside every workspace
 * (tools/scripts, tools/bench, test/, root configs) belong to the root package.json.
 *
 * - Production code (anything not a test, e2e or config file) must find a value import in its
 *   workspace's `dependencies` (or peer/optional ones): that is what ships.
 * - Tests, e2e, configs, serverless.yml plugins, script commands and type-only imports may use the
 *   workspace's devDependencies too, or the root's: the root is the shared toolchain (vitest,
 *   biome, serverless and its plugins, `@types/*`). A type-only import is also met by `@types/<name>`.
 * - A declared package is used when a file imports it, a serverless.yml or vite/vitest config names
 *   it, a package.json script runs its command, it is the `@types/` of a used package, or a used
 *   package names it as a peer dependency.
 * Exits non-zero with the list of problems.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { type PackageUse, packagesUsedBy } from './source-imports.ts';

/** A package.json; `dir` is its folder relative to the repository ('' for the root). */
export interface Manifest {
  dir: string;
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
}

/** What an installed package offers others: its commands and the peers it expects beside it. */
export interface Installed {
  bins: string[];
  peers: string[];
}

export interface DependencyInput {
  manifests: Manifest[];
  /** paths relative to the repository, with `/` */
  files: { path: string; text: string }[];
  installed?: Record<string, Installed>;
}

const devFile =
  /(?:^|\/)(?:test|tests|e2e|__tests__)\/|\.(?:test|spec|bench)\.[cm]?[jt]sx?$|(?:^|\/)[\w.-]+\.config\.[cm]?[jt]s$|(?:^|\/)serverless(?:-[\w-]+)?\.ya?ml$|(?:^|\/)tsconfig[\w.-]*\.json$/;

/** `@types/` package for `name` (`@scope/pkg` → `@types/scope__pkg`). */
export function typesPackageOf(name: string): string {
  return `@types/${name.startsWith('@') ? name.slice(1).replace('/', '__') : name}`;
}

const declared = (m: Manifest, withDev: boolean): Set<string> =>
  new Set([
    ...Object.keys(m.dependencies ?? {}),
    ...Object.keys(m.peerDependencies ?? {}),
    ...Object.keys(m.optionalDependencies ?? {}),
    ...(withDev ? Object.keys(m.devDependencies ?? {}) : []),
  ]);

/** The first command of each `&&`/`||`/`;`/`|` part of a script (after env assignments and `npx`). */
function scriptCommands(script: string): string[] {
  return script.split(/&&|\|\||[;|]/).flatMap((part) => {
    const words = part
      .trim()
      .split(/\s+/)
      .filter((w) => !/^\w+=/.test(w));
    const first = words[0] === 'npx' ? words.find((w, i) => i > 0 && !w.startsWith('-')) : words[0];
    return first ? [first] : [];
  });
}

/** Every problem, sorted: packages used but not declared (or only as devDependencies), and declared but unused. */
export function dependencyProblems(input: DependencyInput): string[] {
  const installed = input.installed ?? {};
  const root = input.manifests.find((m) => m.dir === '');
  if (!root) throw new Error('no root package.json among the manifests');
  const workspaces = input.manifests.filter((m) => m !== root).sort((a, b) => b.dir.length - a.dir.length);
  const ownerOf = (path: string) => workspaces.find((m) => path.startsWith(`${m.dir}/`)) ?? root;
  const where = (m: Manifest) => (m.dir ? `${m.dir}/package.json` : 'package.json');

  const used = new Map<Manifest, Set<string>>(input.manifests.map((m) => [m, new Set<string>()]));
  const markUsed = (m: Manifest, name: string) => used.get(m)?.add(name);
  const problems = new Map<string, string[]>();
  const report = (key: string, file: string) => problems.set(key, [...(problems.get(key) ?? []), file]);

  const use = (owner: Manifest, { name, typeOnly }: PackageUse, dev: boolean, file: string) => {
    if (name === owner.name) return; // the workspace's own subpaths
    const relaxed = dev || typeOnly || owner === root;
    const candidates = typeOnly ? [name, typesPackageOf(name)] : [name];
    const own = candidates.find((c) => declared(owner, relaxed).has(c));
    if (own) return markUsed(owner, own);
    if (!relaxed && owner.devDependencies?.[name]) {
      markUsed(owner, name); // declared, in the wrong list: one problem, not two
      return report(`${where(owner)}\0dev\0${name}`, file);
    }
    if (relaxed && owner !== root) {
      const hit = candidates.find((c) => declared(root, true).has(c));
      if (hit) return markUsed(root, hit);
    }
    report(`${where(owner)}\0missing\0${name}`, file);
  };

  for (const file of input.files) {
    const owner = ownerOf(file.path);
    const inside = owner.dir ? file.path.slice(owner.dir.length + 1) : file.path;
    const dev = devFile.test(inside);
    for (const found of packagesUsedBy(file.path, file.text)) {
      use(owner, found, dev, file.path);
      // a package's types come along with it (`ws` → `@types/ws`), from the workspace or the root
      for (const m of new Set([owner, root])) {
        const types = typesPackageOf(found.name);
        if (declared(m, true).has(types)) markUsed(m, types);
      }
    }
  }

  const binOwners = new Map<string, string[]>();
  for (const [name, info] of Object.entries(installed))
    for (const bin of info.bins) binOwners.set(bin, [...(binOwners.get(bin) ?? []), name]);
  for (const m of input.manifests) {
    for (const [script, text] of Object.entries(m.scripts ?? {})) {
      for (const command of scriptCommands(text)) {
        const providers = binOwners.get(command);
        const provider = providers?.find((p) => declared(m, true).has(p) || declared(root, true).has(p));
        if (provider) use(m, { name: provider, typeOnly: false }, true, `script "${script}"`);
        else if (providers?.[0]) use(m, { name: providers[0], typeOnly: false }, true, `script "${script}"`);
      }
    }
  }

  // Peers: a used package that needs another beside it makes that one used too.
  for (const m of input.manifests) {
    const names = used.get(m) ?? new Set<string>();
    const queue = [...names];
    for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
      for (const peer of installed[name]?.peers ?? []) {
        if (!names.has(peer) && declared(m, true).has(peer)) {
          names.add(peer);
          queue.push(peer);
        }
      }
    }
  }

  const lines: string[] = [];
  for (const [key, files] of problems) {
    const [manifest, kind, name] = key.split('\0');
    const list = [...new Set(files)];
    const shown = `${list.slice(0, 3).join(', ')}${list.length > 3 ? ` and ${list.length - 3} more` : ''}`;
    lines.push(
      kind === 'dev'
        ? `${manifest}: "${name}" is only a devDependency, but production code uses it (${shown})`
        : `${manifest}: "${name}" is not declared, but ${shown} uses it`,
    );
  }
  for (const m of input.manifests) {
    for (const name of [...Object.keys(m.dependencies ?? {}), ...Object.keys(m.devDependencies ?? {})]) {
      if (!used.get(m)?.has(name)) lines.push(`${where(m)}: "${name}" is declared, but nothing uses it`);
    }
  }
  return lines.sort();
}

// ——— reading the repository ———

const repoRoot = resolve(import.meta.dirname, '..', '..');
const skipped = new Set(['node_modules', 'dist', 'coverage', 'test-results']);
const wanted = /\.(?:[cm]?[jt]sx?|css)$|^serverless(?:-[\w-]+)?\.ya?ml$|^tsconfig(?:\.[\w-]+)?\.json$/;

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (skipped.has(name) || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (wanted.test(name)) yield path;
  }
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

function manifestAt(root: string, dir: string): Manifest {
  return { ...(readJson(join(root, dir, 'package.json')) as Omit<Manifest, 'dir'>), dir };
}

/** Workspace folders from the root's `workspaces` (`shared/*` style patterns and plain folders). */
function workspaceDirs(root: string, patterns: string[]): string[] {
  return patterns.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const parent = pattern.slice(0, -2);
    return readdirSync(join(root, parent))
      .map((name) => `${parent}/${name}`)
      .filter((dir) => existsSync(join(root, dir, 'package.json')));
  });
}

/** Bins and peers of every package installed in `node_modules` folders (the root's and the workspaces'). */
function installedPackages(folders: string[]): Record<string, Installed> {
  const out: Record<string, Installed> = {};
  for (const folder of folders.filter((f) => existsSync(f))) {
    const names = readdirSync(folder).flatMap((name) =>
      name.startsWith('@') ? readdirSync(join(folder, name)).map((inner) => `${name}/${inner}`) : [name],
    );
    for (const name of names) {
      const path = join(folder, name, 'package.json');
      if (out[name] || !existsSync(path)) continue;
      const pkg = readJson(path) as { bin?: string | Record<string, string>; peerDependencies?: object };
      const bins = typeof pkg.bin === 'string' ? [name.split('/').pop() ?? name] : Object.keys(pkg.bin ?? {});
      out[name] = { bins, peers: Object.keys(pkg.peerDependencies ?? {}) };
    }
  }
  return out;
}

/** The problems of the repository at `root`. */
export function repositoryProblems(root: string = repoRoot): string[] {
  const rootManifest = manifestAt(root, '');
  const patterns = (rootManifest as { workspaces?: string[] }).workspaces ?? [];
  const manifests = [rootManifest, ...workspaceDirs(root, patterns).map((dir) => manifestAt(root, dir))];
  const files = [...walk(root)].map((path) => ({
    path: relative(root, path).split('\\').join('/'),
    text: readFileSync(path, 'utf8'),
  }));
  const modules = [join(root, 'node_modules'), ...manifests.map((m) => join(root, m.dir, 'node_modules'))];
  return dependencyProblems({ manifests, files, installed: installedPackages(modules) });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = repositoryProblems();
  if (problems.length) {
    console.error(`Dependencies out of step with package.json:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('dependencies: ok');
}
