import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';

/** services/web/security-headers.json: the one list of headers, which CloudFront's policy is built from too. */
interface HeadersPolicy {
  headers: Record<string, string>;
  contentSecurityPolicy: Record<string, string[]>;
  hosts: { devstack: Record<string, string[]> };
}

const policy = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'services', 'web', 'security-headers.json'), 'utf8'),
) as HeadersPolicy;

/** The CSP with devstack's hosts: presigned URLs point at s3rver on a loopback port chosen at start. */
function contentSecurityPolicy(): string {
  return Object.entries(policy.contentSecurityPolicy)
    .map(([directive, sources]) => {
      const filled = sources.flatMap((s) => (s.startsWith('$') ? (policy.hosts.devstack[s] ?? []) : [s]));
      return [directive, ...new Set(filled)].join(' ');
    })
    .join('; ');
}

/**
 * The response headers every answer of the public origin carries, as CloudFront's response headers
 * policy adds them on AWS (services/web): the web client's CSP (scripts from the origin only), no MIME
 * sniffing, no framing by another site, referrers kept to the origin across sites. Strict-Transport-
 * Security is AWS's only: devstack is plain HTTP.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(policy.headers).map(([name, value]) => [name.toLowerCase(), value])),
  'content-security-policy': contentSecurityPolicy(),
};

/**
 * devstack's own pages (`/_dev`: the console, the virtual phone) run inline scripts and exist only
 * here: they keep the framing, object and base rules but not the client's script policy.
 */
const DEV_PAGES_CSP = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'";

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  const path = res.req?.url ?? '/';
  if (path === '/_dev' || path.startsWith('/_dev/') || path.startsWith('/_dev?'))
    res.setHeader('content-security-policy', DEV_PAGES_CSP);
}
