import { parse } from 'yaml';

export interface Route {
  service: string;
  functionName: string;
  method: string;
  path: string;
  authorizer?: string;
}

/**
 * Routes that answer without an access token. Health everywhere; in identity the routes that
 * obtain or end tokens, the JWKS, the session-status check the authorizers themselves call
 * (ADR 0006), the password reset and email verification links (ADR 0020), and in notifications the
 * messaging providers' signed webhooks (ADR 0026). Everything else must carry `authorizer: { name: parley }`.
 */
const PUBLIC: { service?: string; method: string; path: string }[] = [
  { method: 'GET', path: '/health' },
  { service: 'identity', method: 'POST', path: '/auth/register' },
  { service: 'identity', method: 'POST', path: '/auth/login' },
  { service: 'identity', method: 'POST', path: '/auth/refresh' },
  { service: 'identity', method: 'POST', path: '/auth/logout' },
  { service: 'identity', method: 'GET', path: '/.well-known/jwks.json' },
  { service: 'identity', method: 'GET', path: '/auth/sessions/{sessionId}/active' },
  // mailed links (ADR 0020): the person has no token, the link's token is the proof
  { service: 'identity', method: 'POST', path: '/auth/password-reset' },
  { service: 'identity', method: 'POST', path: '/auth/password-reset/confirm' },
  { service: 'identity', method: 'POST', path: '/auth/email-verification/confirm' },
  // provider webhooks (ADR 0026): no token; the SNS or Twilio signature is the proof, a bad one is 403
  { service: 'notifications', method: 'POST', path: '/webhooks/sns' },
  { service: 'notifications', method: 'POST', path: '/webhooks/whatsapp' },
  { service: 'notifications', method: 'POST', path: '/webhooks/twilio/sms' },
  { service: 'notifications', method: 'POST', path: '/webhooks/twilio/whatsapp' },
  { service: 'notifications', method: 'POST', path: '/webhooks/twilio/status' },
];

export function isPublicRoute(route: Route): boolean {
  return PUBLIC.some(
    (p) => (!p.service || p.service === route.service) && p.method === route.method && p.path === route.path,
  );
}

function authorizerName(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'name' in value) return String((value as { name: unknown }).name);
  return undefined;
}

/** Every `httpApi` route of one service's serverless.yml (object and `'METHOD /path'` forms). */
export function routesOf(service: string, yamlText: string): Route[] {
  // biome-ignore lint/suspicious/noExplicitAny: serverless.yml is free-form YAML
  const doc = parse(yamlText) as { functions?: Record<string, { events?: any[] }> };
  const routes: Route[] = [];
  for (const [functionName, fn] of Object.entries(doc.functions ?? {})) {
    for (const event of fn.events ?? []) {
      const http = event?.httpApi;
      if (!http) continue;
      if (typeof http === 'string') {
        const [method = '', path = ''] = http.split(/\s+/);
        routes.push({ service, functionName, method: method.toUpperCase(), path });
      } else {
        const authorizer = authorizerName(http.authorizer);
        routes.push({
          service,
          functionName,
          method: String(http.method).toUpperCase(),
          path: String(http.path),
          ...(authorizer ? { authorizer } : {}),
        });
      }
    }
  }
  return routes;
}

/** A concrete URL path for a route template: each `{param}` becomes a syntactically valid id. */
export function samplePath(path: string): string {
  return path.replace(/\{([^}+]+)\+?\}/g, (_, name: string) =>
    /e164|number/i.test(name) ? '%2B41445550101' : /emoji/i.test(name) ? '%F0%9F%91%8D' : `walk-${name}-0000`,
  );
}
