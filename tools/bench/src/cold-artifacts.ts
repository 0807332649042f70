import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

/** One packaged Lambda function, as `serverless package` left it in `services/<service>/.serverless`. */
export interface PackagedFunction {
  service: string;
  name: string;
  /** the zip serverless-esbuild made */
  zip: string;
  /** the bundle inside the zip, e.g. `src/handlers/http/send-message.mjs` */
  module: string;
  /** the exported handler's name */
  exportName: string;
  /** the function's environment on AWS (provider + function), CloudFormation values replaced by dummies */
  environment: Record<string, string>;
}

interface State {
  service: {
    provider?: { environment?: Record<string, unknown> };
    functions?: Record<
      string,
      { handler: string; environment?: Record<string, unknown>; package?: { artifact?: string } }
    >;
  };
}

/**
 * `src/handlers/http/send-message.handler` → module `src/handlers/http/send-message.mjs`, export
 * `handler` (common.yml bundles to `.mjs`).
 */
export function handlerModule(handler: string, extension = '.mjs'): { module: string; exportName: string } {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) throw new Error(`handler "${handler}" names no export`);
  return { module: `${handler.slice(0, dot)}${extension}`, exportName: handler.slice(dot + 1) };
}

/**
 * A CloudFormation value with what only a deployment knows (`Ref`, `Fn::GetAtt`, `Fn::ImportValue`…)
 * replaced by `dummy-…` names, keeping the shape `Fn::Join` / `Fn::Sub` give it (a URL stays a URL).
 */
export function dummyValue(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  const slug = (v: unknown) =>
    `dummy-${String(v)
      .replace(/[^A-Za-z0-9]+/g, '-')
      .toLowerCase()}`;
  if (value && typeof value === 'object') {
    const [[fn, arg] = []] = Object.entries(value as Record<string, unknown>);
    if (fn === 'Fn::Join' && Array.isArray(arg)) {
      const [separator, parts] = arg as [string, unknown[]];
      return (Array.isArray(parts) ? parts : []).map(dummyValue).join(separator);
    }
    if (fn === 'Fn::Sub') {
      const template = Array.isArray(arg) ? arg[0] : arg;
      return String(template).replace(/\$\{([^}]+)\}/g, (_, name: string) => slug(name));
    }
    if (fn === 'Ref') return slug(arg);
    if (fn === 'Fn::GetAtt') return slug(Array.isArray(arg) ? arg.join('-') : arg);
    if (fn === 'Fn::ImportValue') return slug(typeof arg === 'string' ? arg : 'import');
    return slug(fn);
  }
  return 'dummy';
}

/**
 * The environment a function gets on AWS, every value a string (intrinsics through `dummyValue`), so
 * init reads what it would on Lambda.
 */
export function flatEnvironment(...layers: (Record<string, unknown> | undefined)[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer ?? {})) env[key] = dummyValue(value);
  }
  return env;
}

/**
 * Every function of every packaged service under `root/services`, in service then function order;
 * with `from`, of a copy of the packages instead (`from/<service>/` holding a service's
 * `.serverless` files: zips and serverless-state.json), e.g. kept from before a change.
 */
export function packagedFunctions(root: string, from?: string): PackagedFunction[] {
  const found: PackagedFunction[] = [];
  for (const service of servicesWithFunctions(root)) {
    const dir = from ? join(from, service) : join(root, 'services', service);
    const stateFile = join(dir, from ? '' : '.serverless', 'serverless-state.json');
    if (from && !existsSync(stateFile)) continue; // a copy from before the service existed
    if (!existsSync(stateFile)) throw new Error(`${service} is not packaged (no ${stateFile})`);
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as State;
    for (const [name, fn] of Object.entries(state.service.functions ?? {})) {
      const artifact = fn.package?.artifact ?? `.serverless/${name}.zip`;
      found.push({
        service,
        name,
        zip: from ? join(dir, basename(artifact)) : join(dir, artifact),
        ...handlerModule(fn.handler),
        environment: flatEnvironment(state.service.provider?.environment, fn.environment),
      });
    }
  }
  return found;
}

/** Services whose serverless.yml declares functions (platform and web only hold resources). */
export function servicesWithFunctions(root: string): string[] {
  return readdirSync(join(root, 'services'))
    .filter((s) => existsSync(join(root, 'services', s, 'serverless.yml')))
    .filter((s) => /^functions:/m.test(readFileSync(join(root, 'services', s, 'serverless.yml'), 'utf8')))
    .sort();
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/**
 * Why the packaged artifacts cannot be measured as they are (`undefined`: they can): a service is
 * not packaged, or something that goes into its bundles (its serverless.yml and src, shared/*, the
 * lockfile) changed after its zips were made.
 */
export function staleReason(root: string): string | undefined {
  const sharedInputs = Math.max(newestMtime(join(root, 'shared')), newestMtime(join(root, 'package-lock.json')));
  for (const service of servicesWithFunctions(root)) {
    const dir = join(root, 'services', service);
    const state = join(dir, '.serverless', 'serverless-state.json');
    if (!existsSync(state)) return `${service} is not packaged`;
    const packagedAt = statSync(state).mtimeMs;
    const inputs = Math.max(sharedInputs, newestMtime(join(dir, 'src')), newestMtime(join(dir, 'serverless.yml')));
    if (inputs > packagedAt) return `${service} changed after it was packaged`;
  }
  return undefined;
}
