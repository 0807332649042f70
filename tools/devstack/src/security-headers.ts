import type { ServerResponse } from 'node:http';

/**
 * The response headers every answer of the public origin carries, as a CloudFront response
 * headers policy would add them on AWS: no MIME sniffing, no framing by another site, no object
 * embeds or <base> tricks, and referrers kept to the origin across sites. (A full script policy
 * is not set yet: docs/security.md.)
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "frame-ancestors 'none'; object-src 'none'; base-uri 'self'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}
