// biome-ignore-all lint/suspicious/noExplicitAny: responses are read field by field
import { createSocket } from 'node:dgram';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventTail } from '../src/event-tail.ts';
import { close, listen } from '../src/http-util.ts';
import { originHandlers } from '../src/origin.ts';
import { TraceCollector } from '../src/traces/collector.ts';
import { APIGW_REQUEST_ID_HEADER, REQUEST_ID_HEADER } from '../src/traces/gateway.ts';
import { DATAGRAM_HEADER } from '../src/traces/protocol.ts';

// The origin with a real collector: the HTTP API hop of `/api/…` requests against a real upstream,
// `/_dev/traces` over HTTP, and segments arriving on the collector's UDP port.
const collector = new TraceCollector();
let upstream: Server;
let origin: Server;
let base: string;
let udpPort: number;
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    seen.push({ ...req.headers });
    res.writeHead(req.url === '/boom' ? 500 : req.url === '/refused' ? 403 : 200, {
      'content-type': 'application/json',
    });
    res.end('{}');
  });
  const upstreamPort = await listen(upstream, 0);
  udpPort = await collector.listen(0);
  const handlers = originHandlers({
    webDist: '/nonexistent',
    httpPortOf: (name) => (name === 'svc' ? upstreamPort : undefined),
    websocketPort: () => undefined,
    chimeMeetingsPort: () => undefined,
    health: async () => ({ status: 'ok', services: {}, infrastructure: {} }),
    tail: new EventTail(),
    outbox: () => [],
    publish: async () => ({ failedEntryCount: 0 }),
    info: () => ({}),
    ownOrigins: () => [],
    traces: collector,
  });
  origin = createServer((req, res) => void handlers.request(req, res));
  base = `http://127.0.0.1:${await listen(origin, 0)}`;
});
afterAll(async () => {
  collector.close();
  await Promise.all([close(upstream), close(origin)]);
});

const json = async (path: string) => {
  const res = await fetch(`${base}${path}`, { headers: { accept: 'application/json' } });
  return { status: res.status, body: (await res.json()) as any };
};
const until = async <T>(read: () => Promise<T | undefined>): Promise<T> => {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('never');
};

describe('the HTTP API hop', () => {
  it('given a request, when forwarded, then the service gets the request id API Gateway would give, the answer names it, and no trace is started', async () => {
    const before = collector.store.size;
    const res = await fetch(`${base}/api/svc/items?x=1`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(200);
    const requestId = res.headers.get(APIGW_REQUEST_ID_HEADER) ?? '';
    expect(requestId).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    expect(seen.at(-1)?.[REQUEST_ID_HEADER]).toBe(requestId);
    // HTTP APIs record no segment and hand Lambda no trace header: X-Ray traces REST APIs only
    expect(seen.at(-1)?.['x-amzn-trace-id']).toBeUndefined();
    expect(res.headers.get('x-amzn-trace-id')).toBeNull();
    await new Promise((r) => setTimeout(r, 50));
    expect(collector.store.size).toBe(before);
  });

  it("given the caller's X-Amzn-Trace-Id and a request id of its own, when forwarded, then the trace header passes as a plain header and the request id is devstack's", async () => {
    const header = 'Root=1-6900aa00-0123456789abcdef0123abcd;Parent=feedfacefeedface;Sampled=1';
    const res = await fetch(`${base}/api/svc/boom`, {
      headers: { 'x-amzn-trace-id': header, [REQUEST_ID_HEADER]: 'chosen-by-the-caller' },
    });
    expect(res.status).toBe(500);
    expect(seen.at(-1)?.['x-amzn-trace-id']).toBe(header);
    expect(seen.at(-1)?.[REQUEST_ID_HEADER]).toBe(res.headers.get(APIGW_REQUEST_ID_HEADER));
    expect(seen.at(-1)?.[REQUEST_ID_HEADER]).not.toBe('chosen-by-the-caller');
    expect((await json('/_dev/traces/1-6900aa00-0123456789abcdef0123abcd')).status).toBe(404);
  });
});

describe('the bus tail', () => {
  it('given a PutEvents entry with a TraceHeader, when the tail sees it, then the event names its trace', () => {
    const tail = new EventTail();
    const root = '1-6900aa00-0123456789abcdef0123cafe';
    const [traced, plain] = tail.ingest(
      JSON.stringify([
        {
          Source: 'parley.messaging',
          DetailType: 'messaging.MessageSent',
          Detail: '{}',
          TraceHeader: `Root=${root};Parent=0123456789abcdef;Sampled=1`,
        },
        { Source: 'parley.messaging', DetailType: 'messaging.MessageSent', Detail: '{}' },
      ]),
    );
    expect(traced?.traceId).toBe(root);
    expect(plain?.traceId).toBeUndefined();
    tail.close();
  });
});

describe('/_dev/traces', () => {
  it('given a segment sent to the UDP port, when searched by its annotation, then that trace comes back', async () => {
    const traceId = '1-6900aa00-0123456789abcdef0123beef';
    const doc = {
      id: '0123456789abcdef',
      trace_id: traceId,
      name: 'parley-notifications-local-fanOut',
      start_time: Date.now() / 1000,
      end_time: Date.now() / 1000 + 0.01,
      annotations: { Service: 'notifications', conversationId: 'c_route' },
    };
    const socket = createSocket('udp4');
    socket.send(`${DATAGRAM_HEADER}\n${JSON.stringify(doc)}`, udpPort, '127.0.0.1');
    socket.send('not a segment', udpPort, '127.0.0.1');
    const items = await until(async () => {
      const { body } = await json('/_dev/traces?annotation=conversationId:c_route');
      return body.items.length ? body.items : undefined;
    });
    socket.close();
    expect(items.map((t: { traceId: string }) => t.traceId)).toEqual([traceId]);
    expect(items[0].services).toEqual(['notifications']);
    expect(collector.rejected).toBeGreaterThanOrEqual(1);
    expect((await json('/_dev/traces?annotation=conversationId:c_other')).body.items).toEqual([]);
  });

  it('given bad input or an unknown trace, when asked, then 400 and 404', async () => {
    expect((await json('/_dev/traces?limit=0')).status).toBe(400);
    expect((await json('/_dev/traces?limit=abc')).status).toBe(400);
    const missing = await json('/_dev/traces/1-6900aa00-000000000000000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('given a browser navigating to a trace, when it asks for HTML, then it gets the Traces page', async () => {
    const res = await fetch(`${base}/_dev/traces/1-6900aa00-0123456789abcdef0123beef`, {
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('<title>Traces');
  });
});
