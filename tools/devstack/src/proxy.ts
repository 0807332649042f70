import { Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createProxyServer } from 'http-proxy-3';
import { sendError } from './http-util.ts';
import { markViewer } from './origin-verify.ts';

/** `/api/<service>/<rest>?q` → `{service, path: "/<rest>?q"}`; undefined when not an API path. */
export function apiRoute(url: string): { service: string; path: string } | undefined {
  const match = /^\/api\/([a-z][a-z0-9-]*)(\/[^?#]*)?(\?[^#]*)?$/.exec(url);
  if (!match) return undefined;
  return { service: match[1] as string, path: `${match[2] || '/'}${match[3] ?? ''}` };
}

// http-proxy-3 does the forwarding (hop-by-hop headers, X-Forwarded-*, streaming both ways, and
// relaying a refused WebSocket upgrade as the HTTP answer it is); Host is kept (no changeOrigin)
// because serverless-offline and the authorizers see what the browser sent.
//
// The agent's `timeout` is what makes an idle kept-alive socket close before the service's server
// does: with one set, Node's agent honours the server's `Keep-Alive: timeout=5` hint and drops a
// free socket after 4 s; without one, a free socket waits for the server's close, and a request
// written to it as that close is on its way (a client's first request after ~5 s of quiet, likelier
// on a loaded machine) was reset: a 502 for a request the service never saw. It never cuts a
// request in flight (an active socket's timeout only emits 'timeout', which nothing here acts on).
const upstreamAgent = new Agent({ keepAlive: true, maxSockets: 64, timeout: 60_000 });
const proxy = createProxyServer({
  xfwd: true,
  agent: upstreamAgent,
  // answers are passed on by `relay` below (as they are, but for the authorizer's refusals)
  selfHandleResponse: true,
});

/**
 * API Gateway's HTTP API answers an authorizer's refusal with `{"message":"Forbidden"}` (403) and a
 * missing token with `{"message":"Unauthorized"}` (401); serverless-offline answers with hapi's
 * `{"statusCode","error","message"}`. Clients read these bodies (the web client renews its token on
 * the gateway's 403), so devstack answers like API Gateway. Anything else passes through untouched.
 */
const GATEWAY_REFUSALS: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden' };
const isHapiRefusal = (body: unknown, status: number) => {
  const b = body as { statusCode?: unknown; error?: unknown; message?: unknown } | null;
  return b?.statusCode === status && b.error === GATEWAY_REFUSALS[status] && typeof b.message === 'string';
};

/**
 * API Gateway lets only the configured web origin read answers (CORS `allowedOrigins`, see
 * shared/serverless/common.yml); serverless-offline reflects whatever Origin came. On devstack the
 * web client is this very origin, so an answer to any other Origin (another site, `null`) loses
 * its CORS grant here.
 */
function withoutForeignCors(req: IncomingMessage, headers: IncomingMessage['headers']): IncomingMessage['headers'] {
  const origin = req.headers.origin;
  const own = req.headers.host ? [`http://${req.headers.host}`, `https://${req.headers.host}`] : [];
  if (!headers['access-control-allow-origin'] || (origin && own.includes(origin))) return headers;
  const {
    'access-control-allow-origin': _origin,
    'access-control-allow-credentials': _credentials,
    'access-control-expose-headers': _expose,
    ...rest
  } = headers;
  return rest;
}

function relay(upstream: IncomingMessage, req: IncomingMessage, res: ServerResponse): void {
  const status = upstream.statusCode ?? 502;
  upstream.headers = withoutForeignCors(req, upstream.headers);
  if (!GATEWAY_REFUSALS[status]) {
    res.writeHead(status, upstream.statusMessage, upstream.headers);
    upstream.pipe(res);
    return;
  }
  const chunks: Buffer[] = [];
  upstream.on('data', (c: Buffer) => chunks.push(c));
  upstream.on('end', () => {
    const raw = Buffer.concat(chunks);
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      body = undefined;
    }
    if (!isHapiRefusal(body, status)) {
      res.writeHead(status, upstream.statusMessage, upstream.headers);
      res.end(raw);
      return;
    }
    const gateway = JSON.stringify({ message: GATEWAY_REFUSALS[status] });
    const { 'content-length': _length, 'transfer-encoding': _encoding, ...headers } = upstream.headers;
    res.writeHead(status, {
      ...headers,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(gateway),
    });
    res.end(gateway);
  });
  upstream.on('error', (err) => res.destroy(err));
}
proxy.on('proxyRes', (upstream, req, res) => relay(upstream, req, res as ServerResponse));
const upgrades = createProxyServer({ xfwd: true });
// http-proxy-3 rethrows any error it emits while only its own listener is attached, and a browser that
// closes a proxied WebSocket (or a tab) mid-stream is an ECONNRESET: that would take devstack down.
// Errors with a per-request callback are answered there; these listeners catch the rest.
proxy.on('error', (_err, _req, res) => {
  if (res && 'headersSent' in res && !res.headersSent) res.writeHead(502).end();
  else (res as Socket | undefined)?.destroy?.();
});
upgrades.on('error', (_err, _req, socket) => {
  (socket as Socket | undefined)?.destroy?.();
});

/**
 * Forwards a request to 127.0.0.1:`port` at `path`: method, headers (Host kept, X-Forwarded-* added),
 * body streamed; status, headers and body streamed back. An unreachable service is a 502 JSON error.
 */
export function proxyHttp(
  req: IncomingMessage,
  res: ServerResponse,
  port: number,
  path: string,
  service: string,
): void {
  req.url = path;
  markViewer(req);
  proxy.web(req, res, { target: `http://127.0.0.1:${port}` }, (err) => {
    if (res.headersSent) {
      res.destroy(err);
      return;
    }
    const code = (err as NodeJS.ErrnoException).code ?? err.message;
    sendError(
      res,
      502,
      'service_unavailable',
      `The ${service} service is not answering (${code}). See its log lines in the devstack terminal.`,
    );
  });
}

/**
 * Forwards a WebSocket upgrade to 127.0.0.1:`port` at `path` and splices the two sockets together.
 * A refusal from upstream (the `$connect` authorizer says 401/403) is relayed as is; an unreachable
 * upstream is a 502 before the handshake.
 */
export function proxyUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, port: number, path: string): void {
  req.url = path;
  const client = socket as Socket;
  upgrades.ws(req, client, head, { target: `http://127.0.0.1:${port}` }, () => {
    // after a handshake the socket carries WebSocket frames: an HTTP answer would corrupt them
    if (!client.destroyed && client.bytesWritten === 0)
      client.end('HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
  });
}
