// biome-ignore-all lint/suspicious/noExplicitAny: responses are read field by field
import { RealtimeClient, websocketUrl } from '@parley/realtime/node-client';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { authHeader, registerUser } from '../support/users.ts';

// One trace per flow on devstack: the services' own tracer code sends segments to devstack's X-Ray
// collector, devstack adds the API Gateway hop and each invocation's function segment, and the
// trace header rides PutEvents across EventBridge into the consumer (docs/runbook.md).
const { url } = inject('devstack');
const open: RealtimeClient[] = [];
afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
});

interface Segment {
  id: string;
  parentId?: string;
  service: string;
  name: string;
  start: number;
  end?: number;
  error?: true;
  namespace?: string;
  annotations: Record<string, string | number | boolean>;
}
interface Trace {
  traceId: string;
  startedAt: string;
  durationMs: number;
  services: string[];
  segments: Segment[];
}

const traces = async (query: string): Promise<Trace[]> => {
  const res = await fetch(`${url}/_dev/traces?${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Trace[] }).items;
};

async function messaging(user: Awaited<ReturnType<typeof registerUser>>, path: string, body: unknown) {
  const res = await fetch(`${url}/api/messaging${path}`, {
    method: 'POST',
    headers: { ...authHeader(user), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

describe('traces on devstack', () => {
  it('given a message sent to someone online, when it is delivered, then one trace holds the request, messaging and notifications', async () => {
    // Prepare: two people in a direct conversation, the reader connected
    const [ana, ben] = [await registerUser(url), await registerUser(url)];
    const conversation = await messaging(ana, '/conversations', { memberIds: [ben.user.id] });
    expect(conversation.status).toBe(201);
    const conversationId: string = conversation.body.conversation.id;
    const reader = await RealtimeClient.connect(websocketUrl(url), ben.tokens.accessToken);
    open.push(reader);

    // Act: ana sends; ben's socket gets it (the membership projection may lag: resend until it does)
    let messageId = '';
    let traceRoot = '';
    const deadline = Date.now() + 30_000;
    for (;;) {
      const sent = await messaging(ana, `/conversations/${conversationId}/messages`, {
        clientMessageId: `trace-${Date.now()}`,
        text: 'hello, traced',
      });
      expect(sent.status).toBe(201);
      messageId = sent.body.message.id;
      traceRoot = /Root=([^;]+)/.exec(sent.headers.get('x-amzn-trace-id') ?? '')?.[1] ?? '';
      const got = await reader
        .waitFor((f) => f.type === 'messaging.MessageSent' && f.data.messageId === messageId, 3_000)
        .catch(() => undefined);
      if (got) break;
      if (Date.now() > deadline) throw new Error('the message never reached the reader');
    }
    expect(traceRoot).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);

    // Assess: exactly one trace has the messageId, the one the request started, across both services
    // (the consumer's segments arrive a moment after the reader got the frame)
    let trace: Trace | undefined;
    await expect
      .poll(
        async () => {
          const found = await traces(`annotation=${encodeURIComponent(`messageId:${messageId}`)}`);
          trace = found[0];
          // segments arrive one by one over UDP: wait until the consumer's own segment is in too
          return {
            traces: found.length,
            delivered: trace?.segments.some((s) => s.name === 'ApiGatewayManagementApi'),
            services: trace?.services,
          };
        },
        { timeout: 20_000, interval: 250 },
      )
      .toEqual({ traces: 1, delivered: true, services: ['api-gateway', 'messaging', 'notifications'] });
    if (!trace) throw new Error('no trace');
    expect(trace.traceId).toBe(traceRoot);
    expect(trace.services).toEqual(['api-gateway', 'messaging', 'notifications']);
    const names = trace.segments.map((s) => `${s.service}:${s.name}`);
    // the gateway hop, the authorizer and the route's function, DynamoDB, PutEvents, the consumer, PostToConnection
    expect(trace.segments[0]).toMatchObject({ service: 'api-gateway', name: 'api-gateway' });
    expect(names.some((n) => /^messaging:parley-messaging-local-authorizer/.test(n))).toBe(true);
    expect(names).toContain('messaging:DynamoDB');
    expect(names).toContain('messaging:EventBridge');
    expect(names.some((n) => n.startsWith('notifications:parley-notifications-local-'))).toBe(true);
    expect(names).toContain('notifications:ApiGatewayManagementApi');
    // annotations on both sides: the caller and the ids, the consumed event's ids
    const annotated = (key: string, service: string) =>
      trace?.segments.filter((s) => s.service === service && s.annotations[key] !== undefined) ?? [];
    expect(annotated('userId', 'messaging')[0]?.annotations.userId).toBe(ana.user.id);
    expect(annotated('conversationId', 'messaging')[0]?.annotations.conversationId).toBe(conversationId);
    expect(annotated('messageId', 'notifications')[0]?.annotations.messageId).toBe(messageId);
    expect(annotated('eventId', 'notifications').length).toBeGreaterThan(0);
    // the consumer's function segment hangs under the publisher's: the TraceHeader crossed EventBridge
    const byId = new Map(trace.segments.map((s) => [s.id, s]));
    const consumer = trace.segments.find(
      (s) => s.service === 'notifications' && !byId.get(s.parentId ?? '')?.service.startsWith('notifications'),
    );
    expect(byId.get(consumer?.parentId ?? '')?.service).toBe('messaging');
    // and the conversation's traces can be found by its id
    expect((await traces(`annotation=conversationId:${conversationId}`)).map((t) => t.traceId)).toContain(traceRoot);
  }, 90_000);
});
