import type { IncomingMessage } from 'node:http';

/** Why a state-changing `/_dev` request is refused: the HTTP status, the error code and the words. */
export interface DevRefusal {
  status: 403 | 415;
  code: 'forbidden_origin' | 'unsupported_media_type';
  message: string;
}

/** Methods that only read: a page on another site can make the browser send them, but they change nothing. */
const READ_ONLY = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The origins devstack's own pages can have: the one it prints and the loopback names of the same port
 * (the origin listens on 127.0.0.1 and ::1, so `localhost`, `127.0.0.1` and `[::1]` all reach it).
 */
export function ownOrigins(publicOrigin: string): string[] {
  const { port, protocol } = new URL(publicOrigin);
  const suffix = port ? `:${port}` : '';
  return [
    ...new Set([
      new URL(publicOrigin).origin,
      ...['localhost', '127.0.0.1', '[::1]'].map((h) => `${protocol}//${h}${suffix}`),
    ]),
  ];
}

/**
 * Refuses a state-changing `/_dev` request that a page on another site could have made the browser send.
 * A cross-site `fetch` or form may POST `text/plain` without a CORS preflight, so two checks are needed:
 * an `Origin` that is not devstack's own is refused (403), and the body must be declared
 * `application/json` (415), which a browser only sends cross-site after a preflight devstack never grants.
 * A request without `Origin` (curl, tests, server-side code) is not a browser's cross-site request.
 * Returns undefined when the request may go on.
 */
export function refuseCrossSite(req: IncomingMessage, allowed: readonly string[]): DevRefusal | undefined {
  if (READ_ONLY.has(req.method ?? 'GET')) return undefined;
  const origin = req.headers.origin;
  if (origin !== undefined && !allowed.includes(origin)) {
    return {
      status: 403,
      code: 'forbidden_origin',
      message: `devstack's /_dev routes only take changes from its own pages, not from ${origin}.`,
    };
  }
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    return {
      status: 415,
      code: 'unsupported_media_type',
      message: `${req.method} ${req.url ?? ''} takes content-type: application/json.`,
    };
  }
  return undefined;
}
