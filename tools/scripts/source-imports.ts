/**
 * What one file asks to be installed: the packages its imports name (parsed with the TypeScript
 * compiler, so comments and strings never count), the plugins a serverless.yml lists (and
 * `@osls/compose` for serverless-compose.yml), a CSS
 * `@import`, a vitest `environment`, a tsconfig `types` entry. Used by check-deps.ts.
 */
import { builtinModules } from 'node:module';
import ts from 'typescript';

/** One package a file uses. `typeOnly` when erased at build time (`import type`, `import('x').T`). */
export interface PackageUse {
  name: string;
  typeOnly: boolean;
}

const builtins = new Set(builtinModules);
const scriptFile = /\.(?:[cm]?[jt]sx?)$/;
const configFile = /(?:^|\/)vite(?:st)?\.(?:config|workspace)\.[cm]?[jt]s$/;

/** The package a specifier names (`@a/b/c` → `@a/b`, `x/y` → `x`); undefined for paths, builtins, URLs, `#` imports. */
export function packageOf(specifier: string): string | undefined {
  const spec = specifier.split('?')[0] ?? '';
  if (!spec || /^[./#]/.test(spec) || /^[a-z][a-z0-9+.-]*:/i.test(spec)) return undefined;
  const parts = spec.split('/');
  const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
  if (builtins.has(name) || builtins.has(spec)) return undefined;
  return name;
}

/**
 * Every package `path` uses, in order of appearance (duplicates kept). A Node built-in counts as a
 * type-only use of `@types/node`, where its types come from.
 */
export function packagesUsedBy(path: string, text: string): PackageUse[] {
  const found: PackageUse[] = [];
  const add = (spec: string, typeOnly: boolean) => {
    const name = packageOf(spec);
    if (name) found.push({ name, typeOnly });
    else if (spec.startsWith('node:') || builtins.has(spec.split('/')[0] ?? ''))
      found.push({ name: '@types/node', typeOnly: true });
  };
  const base = path.split('/').pop() ?? '';
  if (scriptFile.test(path)) for (const { spec, typeOnly } of specifiers(path, text)) add(spec, typeOnly);
  else if (base.endsWith('.css')) {
    for (const m of text.matchAll(/@(?:import|plugin|reference)\s+(?:url\()?\s*['"]([^'"]+)['"]/g))
      add(m[1] ?? '', false);
  } else if (/^serverless-compose\.ya?ml$/.test(base)) {
    add('@osls/compose', false); // serverless hands a compose file to this package
  } else if (/^serverless(?:-[\w-]+)?\.ya?ml$/.test(base)) {
    for (const plugin of yamlPlugins(text)) add(plugin, false);
  } else if (/^tsconfig(?:\.[\w-]+)?\.json$/.test(base)) {
    for (const type of tsconfigTypes(text)) add(type.includes('/') ? type : `@types/${type}`, true);
  }
  return found;
}

function specifiers(path: string, text: string): { spec: string; typeOnly: boolean }[] {
  const out: { spec: string; typeOnly: boolean }[] = [];
  const kind = /\.[cm]?tsx$|\.jsx$/.test(path) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, kind);
  const isConfig = configFile.test(path);
  const literal = (node: ts.Node | undefined) => (node && ts.isStringLiteralLike(node) ? node.text : undefined);

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const spec = literal(node.moduleSpecifier);
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const allTypes =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (!clause.name &&
            named !== undefined &&
            ts.isNamedImports(named) &&
            named.elements.every((e) => e.isTypeOnly)));
      if (spec) out.push({ spec, typeOnly: allTypes });
    } else if (ts.isExportDeclaration(node)) {
      const spec = literal(node.moduleSpecifier);
      const clause = node.exportClause;
      const allTypes =
        node.isTypeOnly ||
        (clause !== undefined && ts.isNamedExports(clause) && clause.elements.every((e) => e.isTypeOnly));
      if (spec) out.push({ spec, typeOnly: allTypes });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const spec = literal(node.moduleReference.expression);
      if (spec) out.push({ spec, typeOnly: node.isTypeOnly });
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      const spec = ts.isLiteralTypeNode(arg) ? literal(arg.literal) : undefined;
      if (spec) out.push({ spec, typeOnly: true });
    } else if (ts.isCallExpression(node)) {
      const spec = literal(node.arguments[0]);
      if (spec && isLoadCall(node)) out.push({ spec, typeOnly: false });
    } else if (isConfig && ts.isPropertyAssignment(node) && node.name.getText(source) === 'environment') {
      const env = literal(node.initializer);
      // vitest loads `jsdom` and `happy-dom` by name, any other environment as `vitest-environment-<name>`
      if (env && env !== 'node' && env !== 'edge-runtime')
        out.push({ spec: env === 'jsdom' || env === 'happy-dom' ? env : `vitest-environment-${env}`, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/**
 * `import('x')`, `require('x')`, `require.resolve('x')`, `createRequire(…).resolve('x')`,
 * `import.meta.resolve('x')`. A resolve given `{ paths }` looks the package up from somewhere else
 * on purpose (another package's copy), so it is not this package's dependency.
 */
function isLoadCall(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return true;
  if (ts.isIdentifier(callee)) return callee.text === 'require';
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'resolve' || call.arguments.length > 1)
    return false;
  const target = callee.expression;
  if (ts.isIdentifier(target)) return target.text === 'require';
  if (ts.isMetaProperty(target)) return target.keywordToken === ts.SyntaxKind.ImportKeyword;
  return (
    ts.isCallExpression(target) && ts.isIdentifier(target.expression) && target.expression.text === 'createRequire'
  );
}

/** The entries of a serverless.yml's top-level `plugins:` list. */
function yamlPlugins(text: string): string[] {
  const block = /^plugins:[ \t]*\r?\n((?:[ \t]+[^\n]*\r?\n?|[ \t]*\r?\n)*)/m.exec(text)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => /^[ \t]+-[ \t]*(['"]?)([^'"#\s]+)\1/.exec(line)?.[2])
    .filter((name): name is string => Boolean(name));
}

function tsconfigTypes(text: string): string[] {
  const parsed = ts.parseConfigFileTextToJson('tsconfig.json', text).config as
    | { compilerOptions?: { types?: unknown } }
    | undefined;
  const types = parsed?.compilerOptions?.types;
  return Array.isArray(types) ? types.filter((t): t is string => typeof t === 'string') : [];
}
