import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { z } from 'zod';
import { refuseCrossSite } from './dev-guard.ts';
import type { EventTail } from './event-tail.ts';
import { readBody, sendError, sendJson } from './http-util.ts';
import type { MessagingStack } from './messaging/devstack.ts';
import { consolePage } from './pages/console.ts';
import { phonePage } from './pages/phone.ts';
import { tracesPage } from './pages/traces.ts';
import { apiRoute, proxyHttp, proxyUpgrade } from './proxy.ts';
import { setSecurityHeaders } from './security-headers.ts';
import type { MailItem } from './ses-emulator.ts';
import type { OutboxItem } from './sns-emulator.ts';
import { serveWebClient } from './static.ts';
import type { TraceCollector } from './traces/collector.ts';
import { stampGatewayRequest } from './traces/gateway.ts';

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
  /** loopback URL of each emulated AWS endpoint (`chime-sdk-meetings`, `dynamodb`, …), for the real SDK clients */
  endpoints?: Record<string, string>;
}

export interface PublishRequest {
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
  eventBusName?: string;
}

/** `ws://<origin>/_dev/chime/meetings/<MeetingId>/signal?joinToken=…`, proxied to the meetings emulator. */
const CHIME_SIGNAL = /^\/_dev\/chime\/meetings\/[^/]+\/signal$/;

/** What the public origin needs from the running stack. */
export interface OriginDeps {
  webDist: string;
  httpPortOf(service: string): number | undefined;
  websocketPort(): number | undefined;
  /** the Chime SDK Meetings emulator's port (its media signaling WebSockets), once it listens */
  chimeMeetingsPort(): number | undefined;
  health(): Promise<HealthReport>;
  tail: EventTail;
  outbox(): readonly OutboxItem[];
  /** the email outbox (SESv2 emulator), newest first */
  mail?(): readonly MailItem[];
  publish(request: PublishRequest): Promise<{ eventId?: string; failedEntryCount: number }>;
  info(): unknown;
  /** the origins of devstack's own pages (`ownOrigins` of the public origin): the only ones that may change state under `/_dev` */
  ownOrigins(): readonly string[];
  /** the virtual phone's `/_dev/pstn/…` routes (501 until it exists) */
  pstn?(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  /** the X-Ray collector: `/_dev/traces` (HTTP APIs record no segment of their own: ADR 0031) */
  traces?: TraceCollector;
  /** texts: `/_dev/twilio/…` (Twilio's API), `/_dev/sms/inbound`, `/_dev/sns/…` */
  texts?: Pick<MessagingStack, 'route' | 'routeTwilio'>;
}

/** A browser navigating (not `fetch`, curl or a test): `/_dev/traces…` then gets the Traces page. */
const wantsPage = (req: IncomingMessage) => /\btext\/html\b/.test(req.headers.accept ?? '');

/** `POST /_dev/events`: one PutEvents entry, in the names the console and tests use. */
const PublishBody = z.object(
  {
    source: z.string({ error: 'source (string) is required.' }).min(1, 'source (string) is required.'),
    detailType: z.string({ error: 'detailType (string) is required.' }).min(1, 'detailType (string) is required.'),
    detail: z.record(z.string(), z.unknown(), { error: 'detail (object) is required.' }),
    eventBusName: z.string({ error: 'eventBusName must be a string.' }).optional(),
  },
  { error: 'The body must be an object: {source, detailType, detail, eventBusName?}.' },
);

/** The publish request in `raw`, or what is wrong with it (the first problem, in words). */
function parsePublish(raw: string): PublishRequest | string {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return 'The request body is not valid JSON.';
  }
  const parsed = PublishBody.safeParse(body);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? 'The request body is not a publish request.';
  const { eventBusName, ...entry } = parsed.data;
  return { ...entry, ...(eventBusName ? { eventBusName } : {}) };
}

async function devRoute(req: IncomingMessage, res: ServerResponse, url: URL, deps: OriginDeps): Promise<void> {
  const route = `${req.method} ${url.pathname.replace(/\/$/, '')}`;
  // Twilio's REST API takes forms with HTTP Basic credentials, which no cross-site page can send unasked.
  if (deps.texts && (await deps.texts.routeTwilio(req, res, url))) return;
  // Before any body is read: a cross-site page must not publish on the bus or drive the virtual phone.
  const refused = refuseCrossSite(req, deps.ownOrigins());
  if (refused) return sendError(res, refused.status, refused.code, refused.message);
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
    case 'GET /_dev/mail':
      sendJson(res, 200, { items: deps.mail?.() ?? [] });
      return;
    case 'GET /_dev/info':
      sendJson(res, 200, deps.info());
      return;
    case 'GET /_dev/phone':
    case 'HEAD /_dev/phone': {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : phonePage());
      return;
    }
  }
  if (url.pathname === '/_dev/traces' || url.pathname.startsWith('/_dev/traces/')) {
    if ((req.method === 'GET' || req.method === 'HEAD') && wantsPage(req)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : tracesPage());
      return;
    }
    if (deps.traces) return deps.traces.route(req, res, url);
    return sendError(res, 501, 'not_implemented', 'This devstack runs no trace collector.');
  }
  if (deps.texts && (await deps.texts.route(req, res, url))) return;
  if (url.pathname === '/_dev/pstn' || url.pathname.startsWith('/_dev/pstn/')) {
    if (deps.pstn) return deps.pstn(req, res, url);
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
      setSecurityHeaders(res);
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
          // the HTTP API's request id; no trace: HTTP APIs start none (ADR 0031)
          stampGatewayRequest(req, res);
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
      // MediaPlacement.SignalingUrl of a devstack meeting: the meetings emulator answers the handshake itself.
      const chimePort = deps.chimeMeetingsPort();
      if (CHIME_SIGNAL.test(url.pathname) && chimePort !== undefined) {
        proxyUpgrade(req, socket, head, chimePort, `${url.pathname}${url.search}`);
        return;
      }
      const port = deps.websocketPort();
      if (url.pathname !== '/ws' || port === undefined) {
        socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
        return;
      }
      stampGatewayRequest(req);
      proxyUpgrade(req, socket, head, port, `/${url.search}`);
    },
  };
}
