import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { EventTail } from './event-tail.ts';
import { readBody, sendError, sendJson } from './http-util.ts';
import { consolePage } from './pages/console.ts';
import { apiRoute, proxyHttp, proxyUpgrade } from './proxy.ts';
import type { OutboxItem } from './sns-emulator.ts';
import { serveWebClient } from './static.ts';

export interface ComponentHealth {
  status: 'up' | 'starting' | 'down' | 'exited' | 'absent';
  port: number;
  ms?: number;
  detail?: string;
}

export interface HealthReport {
  status: 'ok' | 'unavailable';
  services: Record<string, ComponentHealth>;
  infrastructure: Record<string, ComponentHealth>;
}

export interface PublishRequest {
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
  eventBusName?: string;
}

/** What the public origin needs from the running stack. */
export interface OriginDeps {
  webDist: string;
  httpPortOf(service: string): number | undefined;
  websocketPort(): number | undefined;
  health(): Promise<HealthReport>;
  tail: EventTail;
  outbox(): readonly OutboxItem[];
  publish(request: PublishRequest): Promise<{ eventId?: string; failedEntryCount: number }>;
  info(): unknown;
}

function parsePublish(raw: string): PublishRequest | string {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return 'The request body is not valid JSON.';
  }
  const b = body as Partial<PublishRequest> | null;
  if (!b || typeof b.source !== 'string' || !b.source) return 'source (string) is required.';
  if (typeof b.detailType !== 'string' || !b.detailType) return 'detailType (string) is required.';
  if (!b.detail || typeof b.detail !== 'object' || Array.isArray(b.detail)) return 'detail (object) is required.';
  if (b.eventBusName !== undefined && typeof b.eventBusName !== 'string') return 'eventBusName must be a string.';
  return {
    source: b.source,
    detailType: b.detailType,
    detail: b.detail,
    ...(b.eventBusName ? { eventBusName: b.eventBusName } : {}),
  };
}

async function devRoute(req: IncomingMessage, res: ServerResponse, url: URL, deps: OriginDeps): Promise<void> {
  const route = `${req.method} ${url.pathname.replace(/\/$/, '')}`;
  switch (route) {
    case 'GET /_dev':
    case 'HEAD /_dev': {
      const html = consolePage();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : html);
      return;
    }
    case 'GET /_dev/health': {
      const report = await deps.health();
      sendJson(res, report.status === 'ok' ? 200 : 503, report);
      return;
    }
    case 'GET /_dev/events':
      deps.tail.subscribe(req, res, url.searchParams.get('replay') === '1');
      return;
    case 'POST /_dev/events': {
      const parsed = parsePublish(await readBody(req));
      if (typeof parsed === 'string') return sendError(res, 400, 'validation_failed', parsed);
      const result = await deps.publish(parsed);
      sendJson(res, result.failedEntryCount > 0 ? 502 : 200, result);
      return;
    }
    case 'GET /_dev/sms':
      sendJson(res, 200, { items: deps.outbox() });
      return;
    case 'GET /_dev/info':
      sendJson(res, 200, deps.info());
      return;
  }
  if (url.pathname.startsWith('/_dev/pstn')) {
    return sendError(res, 501, 'not_implemented', 'The virtual phone arrives with devstack’s Chime emulator.');
  }
  sendError(res, 404, 'not_found', `devstack has no ${req.method} ${url.pathname}. See /_dev.`);
}

/**
 * The one public origin: `/api/<service>/…` → that service's serverless-offline (prefix stripped),
 * `/ws` → notifications' WebSocket, `/_dev…` → devstack's own routes, anything else → the web client.
 */
export function originHandlers(deps: OriginDeps) {
  return {
    async request(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const rawUrl = req.url ?? '/';
      try {
        const api = apiRoute(rawUrl);
        if (api) {
          const port = deps.httpPortOf(api.service);
          if (port === undefined)
            return sendError(
              res,
              404,
              'unknown_service',
              `There is no service called "${api.service}" on this devstack.`,
            );
          return proxyHttp(req, res, port, api.path, api.service);
        }
        if (rawUrl === '/api' || rawUrl.startsWith('/api/') || rawUrl.startsWith('/api?')) {
          return sendError(res, 404, 'not_found', 'API paths look like /api/<service>/<route>.');
        }
        const url = new URL(rawUrl, 'http://devstack');
        if (url.pathname === '/_dev' || url.pathname.startsWith('/_dev/')) return await devRoute(req, res, url, deps);
        if (url.pathname === '/ws')
          return sendError(
            res,
            426,
            'upgrade_required',
            'Connect with a WebSocket: ws://<host>/ws?token=<accessToken>.',
          );
        serveWebClient(req, res, deps.webDist);
      } catch (err) {
        if (res.headersSent) res.destroy(err as Error);
        else sendError(res, 500, 'internal', `devstack failed on ${req.method} ${rawUrl}: ${(err as Error).message}`);
      }
    },

    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      const url = new URL(req.url ?? '/', 'http://devstack');
      const port = deps.websocketPort();
      if (url.pathname !== '/ws' || port === undefined) {
        socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
        return;
      }
      proxyUpgrade(req, socket, head, port, `/${url.search}`);
    },
  };
}
