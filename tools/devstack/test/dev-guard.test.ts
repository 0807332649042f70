import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownOrigins } from '../src/dev-guard.ts';
import { EventTail } from '../src/event-tail.ts';
import { close, listen, readBody, sendJson } from '../src/http-util.ts';
import { originHandlers, type PublishRequest } from '../src/origin.ts';

// The real origin handlers on a socket: what reaches the bus and the virtual phone is recorded,
// so a refused request is one that changed nothing.
describe('state-changing /_dev routes refuse cross-site requests', () => {
  let server: Server;
  let base = '';
  let own = '';
  const published: PublishRequest[] = [];
  const phoned: string[] = [];

  beforeAll(async () => {
    const handlers = originHandlers({
      webDist: join(mkdtempSync(join(tmpdir(), 'devstack-guard-')), 'no-web'),
      httpPortOf: () => undefined,
      websocketPort: () => undefined,
      chimeMeetingsPort: () => undefined,
      ownOrigins: () => ownOrigins(own),
      health: async () => ({ status: 'ok', services: {}, infrastructure: {} }),
      tail: new EventTail(),
      outbox: () => [],
      publish: async (request) => {
        published.push(request);
        return { eventId: 'e1', failedEntryCount: 0 };
      },
      info: () => ({}),
      pstn: async (req, res, url) => {
        phoned.push(`${req.method} ${url.pathname} ${await readBody(req)}`);
        sendJson(res, 200, { ok: true });
      },
    });
    server = createServer((req, res) => void handlers.request(req, res));
    const port = await listen(server, 0);
    base = `http://127.0.0.1:${port}`;
    own = `http://localhost:${port}`;
  });
  afterAll(() => close(server));

  const event = JSON.stringify({ source: 'parley.identity', detailType: 'x.Forged', detail: { a: 1 } });
  const send = async (method: string, path: string, headers: Record<string, string>, body?: string) => {
    const res = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
  };

  it('given a text/plain POST /_dev/events from another site, when sent, then 403 forbidden_origin and nothing is published', async () => {
    const before = published.length;

    const res = await send(
      'POST',
      '/_dev/events',
      { origin: 'https://evil.example', 'content-type': 'text/plain' },
      event,
    );

    expect(res.status).toBe(403);
    expect(res.body.error?.code).toBe('forbidden_origin');
    expect(published.length).toBe(before);
  });

  it.each([
    ['POST', '/_dev/pstn/calls', '{"from":"+41441230010","to":"+41441230011"}'],
    ['POST', '/_dev/pstn/calls/c1/hangup', undefined],
    ['PUT', '/_dev/pstn/trunks/+41441230011', '{"voiceConnectorHost":"x"}'],
    ['DELETE', '/_dev/pstn/trunks/+41441230011', undefined],
  ])(
    'given %s %s with JSON from another site, when sent, then 403 and the phone is not driven',
    async (method, path, body) => {
      const before = phoned.length;

      const res = await send(method, path, { origin: 'null', 'content-type': 'application/json' }, body);

      expect([res.status, res.body.error?.code]).toEqual([403, 'forbidden_origin']);
      expect(phoned.length).toBe(before);
    },
  );

  it.each([
    ['text/plain', event],
    ['application/x-www-form-urlencoded', 'a=1'],
    ['multipart/form-data; boundary=x', '--x--'],
  ])(
    'given a POST /_dev/events without an Origin as %s, when sent, then 415 and nothing is published',
    async (type, body) => {
      const before = published.length;

      const res = await send('POST', '/_dev/events', { 'content-type': type }, body);

      expect([res.status, res.body.error?.code]).toEqual([415, 'unsupported_media_type']);
      expect(published.length).toBe(before);
    },
  );

  it('given a POST to the phone without a content-type, when sent, then 415 and the phone is not driven', async () => {
    const before = phoned.length;

    const res = await send('POST', '/_dev/pstn/calls/c1/answer', {});

    expect(res.status).toBe(415);
    expect(phoned.length).toBe(before);
  });

  it.each([
    ['devstack’s own origin', () => ({ origin: own })],
    ['the same port on 127.0.0.1', () => ({ origin: base })],
    ['no Origin (curl, tests)', () => ({})],
  ])('given JSON from %s, when POST /_dev/events, then it is published', async (_, headers) => {
    const res = await send(
      'POST',
      '/_dev/events',
      { ...headers(), 'content-type': 'application/json; charset=utf-8' },
      event,
    );

    expect(res.status).toBe(200);
    expect(published.at(-1)).toEqual({ source: 'parley.identity', detailType: 'x.Forged', detail: { a: 1 } });
  });

  it('given the phone page’s own JSON request, when it dials, then the phone gets it', async () => {
    const res = await send(
      'POST',
      '/_dev/pstn/calls',
      { origin: own, 'content-type': 'application/json' },
      '{"from":"+41441230010","to":"+41441230011"}',
    );

    expect(res.status).toBe(200);
    expect(phoned.at(-1)).toBe('POST /_dev/pstn/calls {"from":"+41441230010","to":"+41441230011"}');
  });

  it('given a cross-site GET of a read-only route, when sent, then it is answered (reading changes nothing)', async () => {
    const res = await send('GET', '/_dev/health', { origin: 'https://evil.example' });

    expect(res.status).toBe(200);
  });

  it('given a public origin, then its own origins are it and the loopback names of its port', () => {
    expect(ownOrigins('http://localhost:3100')).toEqual([
      'http://localhost:3100',
      'http://127.0.0.1:3100',
      'http://[::1]:3100',
    ]);
    expect(ownOrigins('http://example.test:3000')).toContain('http://example.test:3000');
  });
});
