import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { close, listen, readBody } from '../src/http-util.ts';
import { ORIGIN_VERIFY_SECRET } from '../src/origin-verify.ts';
import { apiRoute, proxyHttp, proxyUpgrade } from '../src/proxy.ts';
import { serveWebClient } from '../src/static.ts';

// The origin's forwarding and file serving against real sockets: an upstream that echoes what it
// received, a WebSocket upstream whose handshake refuses a bad token, and a built client on disk.
const dist = mkdtempSync(join(tmpdir(), 'devstack-dist-'));
const emptyDist = mkdtempSync(join(tmpdir(), 'devstack-nodist-'));
const secret = `${dist}-secret.txt`;
let upstream: Server;
let wsUpstream: Server;
let origin: Server;
let base: string;
let closedPort: number;
/** an upstream that closes an idle kept-alive connection after 2 s (and says so: `Keep-Alive: timeout=2`) */
let idleUpstream: Server;
let idleConnections = 0;

beforeAll(async () => {
  upstream = createServer(async (req, res) => {
    const body = await readBody(req);
    // serverless-offline's authorizer refusals (hapi's shape), and an API's own 403
    if (req.url === '/refused') {
      res.writeHead(403, { 'content-type': 'application/json; charset=utf-8' });
      return res.end(
        JSON.stringify({
          statusCode: 403,
          error: 'Forbidden',
          message: 'User is not authorized to access this resource',
        }),
      );
    }
    if (req.url === '/no-token') {
      res.writeHead(401, { 'content-type': 'application/json; charset=utf-8' });
      return res.end(JSON.stringify({ statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' }));
    }
    if (req.url === '/cors') {
      // serverless-offline reflects any Origin
      res.writeHead(200, {
        'content-type': 'application/json',
        'access-control-allow-origin': req.headers.origin ?? '*',
      });
      return res.end('{}');
    }
    if (req.url === '/not-yours') {
      res.writeHead(403, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ error: { code: 'not_the_callee', message: 'Only the callee.' } }));
    }
    res.writeHead(207, { 'content-type': 'application/json', 'x-upstream': 'yes' });
    res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
  });
  const upstreamPort = await listen(upstream, 0);
  idleUpstream = createServer((_req, res) => res.end('{}'));
  idleUpstream.keepAliveTimeout = 2_000;
  idleUpstream.on('connection', () => idleConnections++);
  const idlePort = await listen(idleUpstream, 0);

  wsUpstream = createServer();
  const wss = new WebSocketServer({
    server: wsUpstream,
    verifyClient: ({ req }, done) => done(!req.url?.includes('token=bad'), 401, 'Unauthorized'),
  });
  wss.on('connection', (socket, req) => socket.on('message', (m) => socket.send(`${req.url} ${m}`)));
  const wsPort = await listen(wsUpstream, 0);

  const spare = createServer();
  closedPort = await listen(spare, 0);
  await close(spare);

  origin = createServer((req, res) => {
    const api = apiRoute(req.url ?? '/');
    if (api?.service === 'echo') return proxyHttp(req, res, upstreamPort, api.path, 'echo');
    if (api?.service === 'gone') return proxyHttp(req, res, closedPort, api.path, 'gone');
    if (api?.service === 'idle') return proxyHttp(req, res, idlePort, api.path, 'idle');
    serveWebClient(req, res, req.headers['x-dist'] === 'none' ? emptyDist : dist);
  });
  origin.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    proxyUpgrade(req, socket, head, url.pathname === '/ws-gone' ? closedPort : wsPort, `/${url.search}`);
  });
  base = `127.0.0.1:${await listen(origin, 0)}`;

  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Parley</title>');
  writeFileSync(join(dist, 'assets', 'app-1a2b.js'), 'console.log(1)');
  writeFileSync(secret, 'outside the build');
});

afterAll(async () => {
  await Promise.all([close(origin), close(upstream), close(wsUpstream), close(idleUpstream)]);
  rmSync(dist, { recursive: true, force: true });
  rmSync(emptyDist, { recursive: true, force: true });
  rmSync(secret, { force: true });
});

describe('/api/<service>/… is forwarded to the service', () => {
  it('given a POST with a body and a query, then the service sees the stripped path, the body, the Host and X-Forwarded-For, and its answer comes back as is', async () => {
    const res = await fetch(`http://${base}/api/echo/conversations/c1/messages?limit=5`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: '{"text":"hola"}',
    });
    const seen = (await res.json()) as { method: string; url: string; headers: Record<string, string>; body: string };

    expect(res.status).toBe(207);
    expect(res.headers.get('x-upstream')).toBe('yes');
    expect(seen).toMatchObject({ method: 'POST', url: '/conversations/c1/messages?limit=5', body: '{"text":"hola"}' });
    expect(seen.headers).toMatchObject({ host: base, authorization: 'Bearer t', 'x-forwarded-for': '127.0.0.1' });
  });

  it("given a viewer that forges the origin's headers, then the service sees the origin's own: the real address and its secret", async () => {
    const res = await fetch(`http://${base}/api/echo/auth/login`, {
      headers: { 'x-parley-viewer-ip': '203.0.113.7', 'x-parley-origin-verify': 'guessed' },
    });
    const seen = (await res.json()) as { headers: Record<string, string> };

    expect(seen.headers['x-parley-viewer-ip']).toBe('127.0.0.1');
    expect(seen.headers['x-parley-origin-verify']).toBe(ORIGIN_VERIFY_SECRET);
  });

  it('given the authorizer refuses, then the body is API Gateway’s, not serverless-offline’s; an API’s own 403 passes as it is', async () => {
    const get = async (path: string) => {
      const res = await fetch(`http://${base}/api/echo${path}`);
      return [res.status, await res.json()];
    };
    expect(await get('/refused')).toEqual([403, { message: 'Forbidden' }]);
    expect(await get('/no-token')).toEqual([401, { message: 'Unauthorized' }]);
    expect(await get('/not-yours')).toEqual([403, { error: { code: 'not_the_callee', message: 'Only the callee.' } }]);
  });

  it('given another site’s Origin (or null), then the answer carries no CORS grant; the origin’s own keeps it', async () => {
    const grant = async (origin: string) =>
      (await fetch(`http://${base}/api/echo/cors`, { headers: { origin } })).headers.get('access-control-allow-origin');
    expect(await grant('https://evil.example')).toBeNull();
    expect(await grant('null')).toBeNull();
    expect(await grant(`http://${base}`)).toBe(`http://${base}`);
  });

  it('given a kept-alive connection to a service, then the origin drops it idle before the service would (its Keep-Alive hint), never racing the service’s close', async () => {
    // a request, then quiet past the hint less a second (1 s) but short of the service's close (2 s)
    expect((await fetch(`http://${base}/api/idle/one`)).status).toBe(200);
    const before = idleConnections;
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await fetch(`http://${base}/api/idle/two`)).status).toBe(200);
    // the second went on a new connection: the idle one was closed by the origin's side first
    expect(idleConnections).toBe(before + 1);
  });

  it('given a service that is not listening, then a 502 JSON error names it', async () => {
    const res = await fetch(`http://${base}/api/gone/health`);

    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({
      error: { code: 'service_unavailable', message: expect.stringContaining('gone service') },
    });
  });
});

describe('WebSocket upgrades are forwarded', () => {
  const open = (path: string) => new WebSocket(`ws://${base}${path}`);

  it('given a token the upstream accepts, when connected, then frames flow both ways with the query string kept', async () => {
    const socket = open('/ws?token=good');
    const reply = await new Promise<string>((resolve, reject) => {
      socket.on('open', () => socket.send('ping'));
      socket.on('message', (m) => resolve(String(m)));
      socket.on('error', reject);
    });
    socket.close();

    expect(reply).toBe('/?token=good ping');
  });

  it('given a token the upstream refuses, when connecting, then its 401 reaches the client', async () => {
    const status = await new Promise<number | undefined>((resolve) => {
      const socket = open('/ws?token=bad');
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      socket.on('open', () => resolve(101));
      socket.on('error', () => resolve(undefined));
    });

    expect(status).toBe(401);
  });

  it('given an open socket, when the browser side resets its connection, then the origin survives and serves the next one', async () => {
    const first = open('/ws?token=good');
    await new Promise<void>((resolve, reject) => {
      first.on('open', () => resolve());
      first.on('error', reject);
    });
    const resetSeen = new Promise<void>((resolve) => first.on('close', () => resolve()));
    // a TCP reset, as when Chromium closes a tab: the origin reads ECONNRESET on the proxied socket
    (first as unknown as { _socket: { resetAndDestroy(): void } })._socket.resetAndDestroy();
    await resetSeen;
    await new Promise((r) => setTimeout(r, 100));

    const second = open('/ws?token=good');
    const reply = await new Promise<string>((resolve, reject) => {
      second.on('open', () => second.send('again'));
      second.on('message', (m) => resolve(String(m)));
      second.on('error', reject);
    });
    second.close();

    expect(reply).toBe('/?token=good again');
  });

  it('given an upstream that is not listening, when connecting, then the handshake answers 502', async () => {
    const status = await new Promise<number | undefined>((resolve) => {
      const socket = open('/ws-gone?token=good');
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      socket.on('open', () => resolve(101));
      socket.on('error', () => resolve(undefined));
    });

    expect(status).toBe(502);
  });
});

describe('the web client is served from its build', () => {
  it('given a hashed asset, then it is served with its type and cached for good', async () => {
    const res = await fetch(`http://${base}/assets/app-1a2b.js`);

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe('console.log(1)');
  });

  it.each(['/', '/chats/c1', '/settings/', '/old-page.html'])(
    'given the client route %s, then index.html is served and revalidated',
    async (path) => {
      const res = await fetch(`http://${base}${path}`);

      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<title>Parley</title>');
    },
  );

  it('given a missing file, or a path that climbs out of the build, then 404', async () => {
    const missing = await fetch(`http://${base}/assets/nope.js`);
    // raw, because fetch would resolve the dots before sending
    const climbed = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
      request({ host: '127.0.0.1', port: Number(base.split(':')[1]), path: `/../${basename(secret)}` }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode, body }));
      })
        .on('error', reject)
        .end();
    });

    expect(missing.status).toBe(404);
    expect(climbed).toEqual({ status: 404, body: 'Not found' });
  });

  it('given a method other than GET or HEAD, then 405', async () => {
    const res = await fetch(`http://${base}/`, { method: 'POST' });

    expect([res.status, res.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  });

  it('given no build yet, then the placeholder page', async () => {
    const res = await fetch(`http://${base}/`, { headers: { 'x-dist': 'none' } });

    expect([res.status, res.headers.get('cache-control')]).toEqual([200, 'no-store']);
    expect(await res.text()).toContain('Parley');
  });
});
