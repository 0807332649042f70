import { Agent, type IncomingHttpHeaders, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { sendError } from './http-util.ts';

/** `/api/<service>/<rest>?q` → `{service, path: "/<rest>?q"}`; undefined when not an API path. */
export function apiRoute(url: string): { service: string; path: string } | undefined {
  const match = /^\/api\/([a-z][a-z0-9-]*)(\/[^?#]*)?(\?[^#]*)?$/.exec(url);
  if (!match) return undefined;
  return { service: match[1] as string, path: `${match[2] || '/'}${match[3] ?? ''}` };
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade'];

function forwardedHeaders(req: IncomingMessage): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = { ...req.headers };
  for (const h of HOP_BY_HOP) delete headers[h];
  const remote = req.socket.remoteAddress ?? '127.0.0.1';
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${remote}` : remote;
  headers['x-forwarded-host'] = req.headers.host ?? '';
  headers['x-forwarded-proto'] = 'http';
  return headers;
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

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
  const upstream = request(
    { host: '127.0.0.1', port, path, method: req.method, headers: forwardedHeaders(req), agent },
    (upstreamRes) => {
      const headers = { ...upstreamRes.headers };
      for (const h of HOP_BY_HOP) delete headers[h];
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, headers);
      upstreamRes.pipe(res);
    },
  );
  upstream.on('error', (err: NodeJS.ErrnoException) => {
    if (res.headersSent) {
      res.destroy(err);
      return;
    }
    sendError(
      res,
      502,
      'service_unavailable',
      `The ${service} service is not answering (${err.code ?? err.message}). See its log lines in the devstack terminal.`,
    );
  });
  req.pipe(upstream);
}

/**
 * Forwards a WebSocket upgrade to 127.0.0.1:`port` at `path` and splices the two sockets together.
 * A refusal from upstream (the `$connect` authorizer says 401/403) is relayed as is.
 */
export function proxyUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, port: number, path: string): void {
  const headers: IncomingHttpHeaders = {
    ...req.headers,
    'x-forwarded-for': req.socket.remoteAddress ?? '127.0.0.1',
    'x-forwarded-host': req.headers.host ?? '',
  };
  const upstream = request({ host: '127.0.0.1', port, path, method: 'GET', headers, agent: false });
  const fail = (status: number, text: string) => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  };
  upstream.on('upgrade', (upstreamRes, upstreamSocket, upstreamHead) => {
    const lines = [`HTTP/1.1 ${upstreamRes.statusCode} ${upstreamRes.statusMessage}`];
    for (let i = 0; i < upstreamRes.rawHeaders.length; i += 2)
      lines.push(`${upstreamRes.rawHeaders[i]}: ${upstreamRes.rawHeaders[i + 1]}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (upstreamHead.length) socket.write(upstreamHead);
    if (head.length) upstreamSocket.write(head);
    upstreamSocket.pipe(socket).pipe(upstreamSocket);
    const end = () => {
      socket.destroy();
      upstreamSocket.destroy();
    };
    socket.on('error', end);
    upstreamSocket.on('error', end);
    socket.on('close', end);
    upstreamSocket.on('close', end);
  });
  upstream.on('response', (upstreamRes) => {
    const chunks: Buffer[] = [];
    upstreamRes.on('data', (c: Buffer) => chunks.push(c));
    upstreamRes.on('end', () => {
      const body = Buffer.concat(chunks);
      const lines = [`HTTP/1.1 ${upstreamRes.statusCode} ${upstreamRes.statusMessage}`];
      for (let i = 0; i < upstreamRes.rawHeaders.length; i += 2) {
        const name = upstreamRes.rawHeaders[i] as string;
        if (!HOP_BY_HOP.includes(name.toLowerCase()) && name.toLowerCase() !== 'content-length')
          lines.push(`${name}: ${upstreamRes.rawHeaders[i + 1]}`);
      }
      lines.push('connection: close', `content-length: ${body.length}`);
      socket.end(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), body]));
    });
  });
  upstream.on('error', () => fail(502, 'Bad Gateway'));
  socket.on('error', () => upstream.destroy());
  upstream.end();
}
