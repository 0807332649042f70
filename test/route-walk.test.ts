// biome-ignore-all lint/suspicious/noExplicitAny: serverless.yml is free-form YAML, read field by field
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isPublicRoute, type Route, routesOf } from './support/routes.ts';

// Static half of the route walk: every HTTP route of every service is behind the shared
// `parley` authorizer, except the few public ones named in support/routes.ts. The live half,
// test/integration/route-walk.int.test.ts, calls each of these routes without a token.

const root = join(import.meta.dirname, '..');
const services = readdirSync(join(root, 'services')).filter((s) =>
  existsSync(join(root, 'services', s, 'serverless.yml')),
);

describe('route walk (static)', () => {
  const all: Route[] = services.flatMap((s) =>
    routesOf(s, readFileSync(join(root, 'services', s, 'serverless.yml'), 'utf8')),
  );

  it('finds the routes of every service that has an HTTP API', () => {
    expect(all.length).toBeGreaterThan(10);
    expect(all.some((r) => r.service === 'identity' && r.path === '/me')).toBe(true);
  });

  for (const route of all.filter((r) => !isPublicRoute(r))) {
    it(`${route.service}: ${route.method} ${route.path} sits behind authorizer "parley"`, () => {
      expect(route.authorizer).toBe('parley');
    });
  }

  for (const service of services) {
    const doc = parse(readFileSync(join(root, 'services', service, 'serverless.yml'), 'utf8')) as Record<string, any>;
    // The provider block may be the shared fragment: `${file(<path>):<key>}`, the path relative to the service.
    const shared = /^\$\{file\((.+)\):(\w+)\}$/.exec(String(doc.provider));
    const provider = shared
      ? parse(readFileSync(join(root, 'services', service, shared[1] as string), 'utf8'))[shared[2] as string]
      : doc.provider;
    const authorizers = provider?.httpApi?.authorizers ?? {};
    if (!all.some((r) => r.service === service && r.authorizer)) continue;
    it(`${service}: authorizer "parley" is the shared request authorizer`, () => {
      expect(authorizers.parley).toMatchObject({
        type: 'request',
        functionName: 'authorizer',
        enableSimpleResponses: true,
      });
      const handler = String(doc.functions?.authorizer?.handler ?? '');
      const file = join(root, 'services', service, `${handler.replace(/\.handler$/, '')}.ts`);
      expect(readFileSync(file, 'utf8')).toMatch(/httpAuthorizer\(\)/);
    });
  }

  it('keeps the public routes few and known', () => {
    const open = all.filter(isPublicRoute).map((r) => `${r.service} ${r.method} ${r.path}`);
    for (const r of open) expect(r).toMatch(/ GET \/health$|^identity |^notifications POST \/webhooks\//);
  });

  for (const service of services) {
    const doc = parse(readFileSync(join(root, 'services', service, 'serverless.yml'), 'utf8')) as Record<string, any>;
    for (const [name, fn] of Object.entries<Record<string, any>>(doc.functions ?? {})) {
      for (const event of fn.events ?? []) {
        if (event.websocket?.route !== '$connect') continue;
        it(`${service}: WebSocket $connect (${name}) has an authorizer`, () => {
          expect(event.websocket.authorizer).toBeDefined();
        });
      }
    }
  }
});
