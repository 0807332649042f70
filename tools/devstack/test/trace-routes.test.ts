// biome-ignore-all lint/suspicious/noExplicitAny: responses are read field by field
import { createSocket } from 'node:dgram';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventTail } from '../src/event-tail.ts';
import { close, listen } from '../src/http-util.ts';
import { originHandlers } from '../src/origin.ts';
import { TraceCollector } from '../src/traces/collector.ts';
import { DATAGRAM_HEADER } from '../src/traces/protocol.ts';

// The origin with a real collector: the API Gateway hop of `/api/…` requests against a real upstream,
// `/_dev/traces` over HTTP, and segments arriving on the collector's UDP port.
const collector = new TraceCollector();
let upstream: Server;
let origin: Server;
let base: string;
let udpPort: number;
const seen: (string | undefined)[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    seen.push(req.headers['x-amzn-trace-id'] as string | undefined);
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

describe('the API Gateway hop', () => {
  it('given a request without a trace header, when forwarded, then the service gets a new trace and the gateway segment is recorded', async () => {
    const res = await fetch(`${base}/api/svc/items?x=1`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(200);
    const root = /^Root=(1-[0-9a-f]{8}-[0-9a-f]{24})$/.exec(res.headers.get('x-amzn-trace-id') ?? '')?.[1];
    expect(root).toBeDefined();
    const header = seen.at(-1) ?? '';
    expect(header).toMatch(new RegExp(`^Root=${root};Parent=[0-9a-f]{16};Sampled=1$`));
    const trace = await until(async () => {
      const { status, body } = await json(`/_dev/traces/${root}`);
      return status === 200 ? body : undefined;
    });
    expect(trace.services).toEqual(['api-gateway']);
    expect(trace.segments[0]).toMatchObject({
      id: /Parent=([0-9a-f]{16})/.exec(header)?.[1],
      name: 'api-gateway',
      origin: 'AWS::ApiGateway::Stage',
      http: { method: 'POST', url: '/api/svc/items?x=1', status: 200 },
    });
    expect(trace.segments[0].error).toBeUndefined();
  });

  it("given the caller's X-Amzn-Trace-Id, when forwarded, then the trace continues under the caller's parent, and a 5xx is an error", async () => {
    const root = '1-6900aa00-0123456789abcdef0123abcd';
    await fetch(`${base}/api/svc/boom`, {
      headers: { 'x-amzn-trace-id': `Root=${root};Parent=feedfacefeedface;Sampled=1` },
    });
    expect(seen.at(-1)).toMatch(new RegExp(`^Root=${root};Parent=(?!feedfacefeedface)[0-9a-f]{16};Sampled=1$`));
    const trace = await until(async () => {
      const { status, body } = await json(`/_dev/traces/${root}`);
      return status === 200 ? body : undefined;
    });
    expect(trace.segments[0]).toMatchObject({ parentId: 'feedfacefeedface', error: true, http: { status: 500 } });
    expect(trace.errors).toBe(1);
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
