import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ServerFrame } from '@parley/realtime/frames';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';

// What API Gateway does for notifications' `ping` route (a MOCK integration, ADR 0035), as devstack
// emulates it: the template is the one in services/notifications/serverless.yml, rendered by Velocity.
const require = createRequire(import.meta.url);
const { answerMockRoutes, clfTime, mockAnswer } = require('../plugin/websocket-mock-routes.cjs') as {
  answerMockRoutes: (clients: unknown, routes: Routes, options?: { idleTimeoutMs?: number }) => void;
  clfTime: (date: Date) => string;
  mockAnswer: (
    routes: Routes,
    text: string,
    context: { connectionId: string; now?: Date; requestId?: string },
  ) => string | undefined;
};
type Routes = Record<string, { response: string }>;

const notifications = parse(
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'services', 'notifications', 'serverless.yml'), 'utf8'),
) as { custom: { websocketMockRoutes: Routes } };
const routes = notifications.custom.websocketMockRoutes;

describe("notifications' ping, answered by API Gateway from its mapping template", () => {
  it('renders a pong frame of the ServerFrame shape: the request id, the request time in ISO 8601', () => {
    const now = new Date('2026-12-08T00:40:12.345Z');
    const answer = mockAnswer(routes, '{"action":"ping"}', { connectionId: 'c-1', now, requestId: 'req-1' });

    const frame = ServerFrame.parse(JSON.parse(answer ?? ''));
    expect(frame).toEqual({ id: 'req-1', type: 'pong', v: 1, at: '2026-12-08T00:40:12Z', data: {} });
  });

  it("reads every month and day of API Gateway's CLF request time right", () => {
    for (let month = 0; month < 12; month += 1) {
      const now = new Date(Date.UTC(2027, month, month + 1, month, 5, 9));
      const answer = mockAnswer(routes, '{"action":"ping"}', { connectionId: 'c-1', now });
      expect(JSON.parse(answer ?? '').at).toBe(now.toISOString().replace('.000Z', 'Z'));
    }
    expect(clfTime(new Date('2026-03-04T05:06:07Z'))).toBe('04/Mar/2026:05:06:07 +0000');
  });

  it('answers only its route: other actions, garbage and binary go on to the functions', () => {
    expect(mockAnswer(routes, '{"action":"typing","conversationId":"c"}', { connectionId: 'c-1' })).toBeUndefined();
    expect(mockAnswer(routes, '{not json', { connectionId: 'c-1' })).toBeUndefined();
    expect(mockAnswer(routes, '{"action":"toString"}', { connectionId: 'c-1' })).toBeUndefined();
    expect(mockAnswer(routes, '"ping"', { connectionId: 'c-1' })).toBeUndefined();
  });
});

describe("the patch of serverless-offline's WebSocket clients", () => {
  afterEach(() => vi.useRealTimers());

  /** serverless-offline's WebSocketClients, reduced to what the patch touches: addClient routes every message. */
  function offline() {
    const routed: string[] = [];
    class WebSocketClients {
      addClient(client: EventEmitter) {
        client.on('message', (data: Buffer | string) => routed.push(String(data)));
      }
    }
    return { WebSocketClients, routed };
  }
  function socket() {
    const client = new EventEmitter() as EventEmitter & {
      send: (s: string) => void;
      close: (code: number, reason: string) => void;
    };
    const sent: string[] = [];
    const closed: number[] = [];
    client.send = (s) => sent.push(s);
    client.close = (code) => {
      closed.push(code);
      client.emit('close');
    };
    return { client, sent, closed };
  }

  it('answers a ping itself, never routing it, and routes every other message', () => {
    const { WebSocketClients, routed } = offline();
    answerMockRoutes(WebSocketClients, routes);
    const { client, sent } = socket();
    new WebSocketClients().addClient(client);

    client.emit('message', Buffer.from('{"action":"ping"}'), false);
    client.emit('message', Buffer.from('{"action":"typing","conversationId":"c"}'), false);

    expect(sent.map((s) => JSON.parse(s).type)).toEqual(['pong']);
    expect(routed).toEqual(['{"action":"typing","conversationId":"c"}']);
  });

  it('closes a connection idle for the timeout (1001), and a ping counts as activity, as on API Gateway', () => {
    vi.useFakeTimers();
    const { WebSocketClients } = offline();
    answerMockRoutes(WebSocketClients, routes, { idleTimeoutMs: 1_000 });
    const { client, closed } = socket();
    new WebSocketClients().addClient(client);

    vi.advanceTimersByTime(900);
    client.emit('message', Buffer.from('{"action":"ping"}'), false);
    vi.advanceTimersByTime(900);
    expect(closed).toEqual([]);

    vi.advanceTimersByTime(200);
    expect(closed).toEqual([1001]);
  });
});
