import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devstackUrl } from '../support/http.ts';
import { isPublicRoute, routesOf, samplePath } from '../support/routes.ts';

// Live half of the route walk: every HTTP route of every service, except the public ones, answers
// 401 through the devstack origin when called without a token (the authorizer is really attached).

const root = join(import.meta.dirname, '..', '..');
const routes = readdirSync(join(root, 'services'))
  .filter((s) => existsSync(join(root, 'services', s, 'serverless.yml')))
  .flatMap((s) => routesOf(s, readFileSync(join(root, 'services', s, 'serverless.yml'), 'utf8')))
  .filter((r) => !isPublicRoute(r));

describe('route walk (live)', () => {
  it('has routes to walk', () => {
    expect(routes.length).toBeGreaterThan(5);
  });

  for (const route of routes) {
    it(`${route.service}: ${route.method} ${route.path} without a token → 401`, async () => {
      const hasBody = !['GET', 'HEAD', 'DELETE'].includes(route.method);
      const res = await fetch(`${devstackUrl()}/api/${route.service}${samplePath(route.path)}`, {
        method: route.method,
        ...(hasBody ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}),
      });
      expect(res.status).toBe(401);
    });
  }
});
