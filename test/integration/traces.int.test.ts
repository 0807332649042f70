// biome-ignore-all lint/suspicious/noExplicitAny: responses are read field by field
import { RealtimeClient, websocketUrl } from '@parley/realtime/node-client';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { api } from '../support/http.ts';
import { giveNumber } from '../support/numbers.ts';
import { authHeader, registerUser } from '../support/users.ts';

// Traces on devstack have the shape they have on AWS (ADR 0031): the services' own tracer code sends
// segments to devstack's X-Ray collector, devstack adds each invocation's function segment as Lambda
// does, and the trace header rides PutEvents across EventBridge into the consumers. An HTTP API (or
// the WebSocket API) starts no trace: the route's invocation starts the flow's trace, and the
// authorizer's invocation is a trace of its own, found by the same userId and correlationId as the
// request it ran for: its answer is then cached for 60 s, as API Gateway caches it (docs/runbook.md).
const devstack = inject('devstack');
const { url } = devstack;
const calling = api('calling', url);
const POLL = { timeout: 20_000, interval: 250 };
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
const annotated = (key: string, value: string) => traces(`annotation=${encodeURIComponent(`${key}:${value}`)}`);

/** The segments a trace starts with (no parent): on AWS, a Lambda invocation's function segment. */
const roots = (trace: Trace | undefined) => trace?.segments.filter((s) => s.parentId === undefined) ?? [];
const isAuthorizer = (name: string) => /^parley-[a-z]+-local-(ws)?[aA]uthorizer$/.test(name);

/** The trace the request answered with `x-correlation-id` started at `function` (its route's invocation). */
async function routeTraceOf(correlationId: string, fn: string): Promise<Trace> {
  let found: Trace | undefined;
  await expect
    .poll(async () => {
      found = (await annotated('correlationId', correlationId)).find((t) => roots(t).some((s) => s.name === fn));
      return found !== undefined;
    }, POLL)
    .toBe(true);
  if (!found) throw new Error(`no trace of ${fn} for ${correlationId}`);
  return found;
}

async function messaging(user: Awaited<ReturnType<typeof registerUser>>, path: string, body: unknown) {
  const res = await fetch(`${url}/api/messaging${path}`, {
    method: 'POST',
    headers: { ...authHeader(user), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

describe('traces on devstack', () => {
  it('given a message sent to someone online, when it is delivered, then one trace holds the route’s invocation, messaging and notifications, and the authorizer’s invocation is a trace apart', async () => {
    // Prepare: two people in a direct conversation, the reader connected
    const [ana, ben] = [await registerUser(url), await registerUser(url)];
    const conversation = await messaging(ana, '/conversations', { memberIds: [ben.user.id] });
    expect(conversation.status).toBe(201);
    const conversationId: string = conversation.body.conversation.id;
    // ana's first request to messaging: the one its authorizer runs for (then cached for 60 s, as API Gateway does)
    const firstCorrelationId = conversation.headers.get('x-correlation-id') ?? '';
    const reader = await RealtimeClient.connect(websocketUrl(url), ben.tokens.accessToken);
    open.push(reader);

    // Act: ana sends; ben's socket gets it (the membership projection may lag: resend until it does)
    let messageId = '';
    let correlationId = '';
    const deadline = Date.now() + 30_000;
    for (;;) {
      const sent = await messaging(ana, `/conversations/${conversationId}/messages`, {
        clientMessageId: `trace-${Date.now()}`,
        text: 'hello, traced',
      });
      expect(sent.status).toBe(201);
      messageId = sent.body.message.id;
      correlationId = sent.headers.get('x-correlation-id') ?? '';
      const got = await reader
        .waitFor((f) => f.type === 'messaging.MessageSent' && f.data.messageId === messageId, 3_000)
        .catch(() => undefined);
      if (got) break;
      if (Date.now() > deadline) throw new Error('the message never reached the reader');
    }
    // the correlation id is the HTTP API's request id, which the authorizer's event carried too
    expect(correlationId).not.toBe('');
    expect(correlationId).toMatch(/^[A-Za-z0-9+/]{15}=$/);

    // Assess: exactly one trace has the messageId: the route's invocation, messaging and notifications
    // (the consumer's segments arrive a moment after the reader got the frame)
    let trace: Trace | undefined;
    await expect
      .poll(
        async () => {
          const found = await annotated('messageId', messageId);
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
      .toEqual({ traces: 1, delivered: true, services: ['messaging', 'notifications'] });
    if (!trace) throw new Error('no trace');
    // it starts at the route's function segment, as on AWS: no gateway segment, no authorizer in it
    expect(roots(trace).map((s) => s.name)).toEqual(['parley-messaging-local-sendMessage']);
    expect(roots(trace)[0]).toMatchObject({ service: 'messaging', origin: 'AWS::Lambda::Function' });
    const names = trace.segments.map((s) => `${s.service}:${s.name}`);
    expect(names.filter((n) => /api-gateway|authorizer/i.test(n))).toEqual([]);
    // messaging → DynamoDB → PutEvents → notifications → PostToConnection, in that order
    const first = (pattern: RegExp) => names.findIndex((n) => pattern.test(n));
    const order = [
      first(/^messaging:parley-messaging-local-sendMessage$/),
      first(/^messaging:DynamoDB$/),
      first(/^messaging:EventBridge$/),
      first(/^notifications:parley-notifications-local-/),
      first(/^notifications:ApiGatewayManagementApi$/),
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // annotations on both sides: the caller and the ids, the consumed event's ids
    const annotation = (key: string, service: string) =>
      trace?.segments.find((s) => s.service === service && s.annotations[key] !== undefined)?.annotations[key];
    expect(annotation('userId', 'messaging')).toBe(ana.user.id);
    expect(annotation('correlationId', 'messaging')).toBe(correlationId);
    expect(annotation('conversationId', 'messaging')).toBe(conversationId);
    expect(annotation('messageId', 'messaging')).toBe(messageId);
    expect(annotation('messageId', 'notifications')).toBe(messageId);
    expect(annotation('correlationId', 'notifications')).toBe(correlationId);
    expect(annotation('eventId', 'notifications')).toBeDefined();
    // the consumer's function segment hangs under the publisher's: the TraceHeader crossed EventBridge
    const byId = new Map(trace.segments.map((s) => [s.id, s]));
    const consumer = trace.segments.find(
      (s) => s.service === 'notifications' && !byId.get(s.parentId ?? '')?.service.startsWith('notifications'),
    );
    expect(byId.get(consumer?.parentId ?? '')?.service).toBe('messaging');
    // and the conversation's traces can be found by its id
    expect((await annotated('conversationId', conversationId)).map((t) => t.traceId)).toContain(trace.traceId);

    // the message's request was authorized from the cache: no authorizer invocation, so no trace of it
    const byCorrelation = await annotated('correlationId', correlationId);
    expect(byCorrelation.map((t) => t.traceId)).toContain(trace.traceId);
    expect(byCorrelation.filter((t) => roots(t).some((s) => isAuthorizer(s.name)))).toEqual([]);
    // the authorizer's invocation for ana's first request is a trace of its own, found by that
    // request's correlationId and by the caller
    const ofFirst = await annotated('correlationId', firstCorrelationId);
    const authorizer = ofFirst.find((t) => roots(t).some((s) => isAuthorizer(s.name)));
    expect(authorizer).toBeDefined();
    expect(authorizer?.traceId).not.toBe(trace.traceId);
    expect(roots(authorizer).map((s) => s.name)).toEqual(['parley-messaging-local-authorizer']);
    expect(authorizer?.services).toEqual(['messaging']);
    expect(authorizer?.segments.find((s) => s.annotations.userId !== undefined)?.annotations).toMatchObject({
      userId: ana.user.id,
      correlationId: firstCorrelationId,
    });
    expect((await annotated('userId', ana.user.id)).map((t) => t.traceId)).toEqual(
      expect.arrayContaining([authorizer?.traceId, trace.traceId]),
    );
  }, 90_000);

  it('given a phone dials someone’s number, when answered in the browser and hung up, then one trace holds every SIP media application invocation of the call', async () => {
    // Prepare: Ana with a number from the emulated carrier's pool, online
    const ana = await registerUser(url);
    const e164 = await giveNumber(devstack, ana);
    const socket = await RealtimeClient.connect(websocketUrl(url), ana.tokens.accessToken);
    open.push(socket);

    // Act: a phone rings Ana (until calling has learnt the number is hers), she answers, the phone hangs up
    const from = '+6598765432';
    let phoneCallId = '';
    let callId = '';
    await expect
      .poll(async () => {
        const dialled = await phone('', { method: 'POST', body: JSON.stringify({ from, to: e164 }) });
        phoneCallId = dialled.id;
        const inbound = await socket
          .waitFor((f) => f.type === 'calling.CallInbound' && f.data.from === from, 4_000)
          .catch(() => undefined);
        if (!inbound) await phone(`/${phoneCallId}/hangup`, { method: 'POST', body: '{}' });
        callId = (inbound?.data.callId as string | undefined) ?? '';
        return callId !== '';
      }, POLL)
      .toBe(true);
    const transactionId: string = (await phone(`/${phoneCallId}`)).transactionId;
    expect(transactionId).toBeTruthy();
    const answered = await calling('POST', `/calls/${callId}/answer`, { token: ana.tokens.accessToken, body: {} });
    expect(answered.status).toBe(200);
    const answerCorrelation = answered.headers.get('x-correlation-id') ?? '';
    await expect
      .poll(async () => ((await phone(`/${phoneCallId}`)).actions as { type: string }[]).map((a) => a.type), POLL)
      .toContain('JoinChimeMeeting');
    await phone(`/${phoneCallId}/hangup`, { method: 'POST', body: '{}' });
    await socket.waitFor((f) => f.type === 'calling.CallEnded' && f.data.callId === callId, 10_000);

    // Assess: one trace for the transaction; its invocations (`SMA <type> #<Sequence>`) are 1…n, none
    // missing, from NEW_INBOUND_CALL through the browser's answer (CALL_UPDATE_REQUESTED) to HANGUP
    const invocations = (trace: Trace | undefined) =>
      (trace?.segments ?? [])
        .map((s) => /^SMA ([A-Z_]+) #(\d+)$/.exec(s.name))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => ({ type: m[1] as string, sequence: Number(m[2]) }));
    let trace: Trace | undefined;
    await expect
      .poll(async () => {
        const found = await traces(`annotation=${encodeURIComponent(`transactionId:${transactionId}`)}`);
        trace = found[0];
        const hangUps = new Set(trace?.segments.filter((x) => /^SMA HANGUP #/.test(x.name)).map((x) => x.id));
        return {
          traces: found.length,
          hungUp: hangUps.size > 0,
          // CallEnded, published by the hang-up's invocation, crossed EventBridge in the call's trace
          fannedOut: trace?.segments.some((x) => x.service === 'notifications' && hangUps.has(x.parentId ?? '')),
        };
      }, POLL)
      .toEqual({ traces: 1, hungUp: true, fannedOut: true });
    await new Promise((r) => setTimeout(r, 1_000)); // a last invocation after the hang-up, if any
    [trace] = await traces(`annotation=${encodeURIComponent(`transactionId:${transactionId}`)}`);
    const seen = invocations(trace);
    const sequences = [...new Set(seen.map((i) => i.sequence))].sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: sequences.length }, (_, i) => i + 1));
    expect(seen[0]).toEqual({ type: 'NEW_INBOUND_CALL', sequence: 1 });
    expect(seen.map((i) => i.type)).toEqual(expect.arrayContaining(['CALL_UPDATE_REQUESTED', 'HANGUP']));
    expect(sequences.length).toBeGreaterThanOrEqual(4);
    // each later invocation is its own calling segment under the first invocation's, with the call's ids
    const byId = new Map((trace?.segments ?? []).map((s) => [s.id, s]));
    const rootOf = (id: string | undefined) => {
      let segment = byId.get(id ?? '');
      while (segment?.parentId && byId.has(segment.parentId)) segment = byId.get(segment.parentId);
      return segment;
    };
    const first = trace?.segments.find((s) => s.name === 'SMA NEW_INBOUND_CALL #1');
    const hangUp = trace?.segments.find((s) => /^SMA HANGUP #/.test(s.name));
    const continued = byId.get(hangUp?.parentId ?? '');
    expect(continued).toMatchObject({ service: 'calling', annotations: { transactionId, callId } });
    expect(continued?.parentId).toBe(rootOf(first?.id)?.id);
    expect(first?.annotations).toMatchObject({ transactionId, callId });
    // the browser's answer is its own request's trace (its route's invocation), found by the same callId
    const answer = await routeTraceOf(answerCorrelation, 'parley-calling-local-answerCall');
    expect(answer.traceId).not.toBe(trace?.traceId);
    const byCall = (await annotated('callId', callId)).map((t) => t.traceId);
    expect(byCall).toEqual(expect.arrayContaining([trace?.traceId, answer.traceId]));
  }, 120_000);

  it('given someone calls a phone, when it answers and hangs up, then the call continues the dialling request’s trace', async () => {
    const ana = await registerUser(url);
    await giveNumber(devstack, ana);
    const placed = await calling('POST', '/calls', {
      token: ana.tokens.accessToken,
      body: { to: { phoneNumber: '+41446681800' }, media: 'audio' },
    });
    expect(placed.status).toBe(201);
    const root = (await routeTraceOf(placed.headers.get('x-correlation-id') ?? '', 'parley-calling-local-startCall'))
      .traceId;
    const outbound = async () =>
      ((await phone('')).items as any[]).find((c) => c.direction === 'outbound' && c.to === '+41446681800');
    await expect.poll(async () => (await outbound())?.state, POLL).toBe('ringing');
    const far = await outbound();
    await phone(`/${far.id}/answer`, { method: 'POST', body: '{}' });
    await expect
      .poll(async () => ((await phone(`/${far.id}`)).actions as { type: string }[]).map((a) => a.type), POLL)
      .toContain('JoinChimeMeeting');
    await phone(`/${far.id}/hangup`, { method: 'POST', body: '{}' });

    // the request's own trace (its route's invocation) holds the call's invocations, each annotated with the call's ids
    await expect
      .poll(async () => {
        const res = await fetch(`${url}/_dev/traces/${root}`);
        const trace = res.status === 200 ? ((await res.json()) as Trace) : undefined;
        return ['NEW_OUTBOUND_CALL', 'CALL_ANSWERED', 'HANGUP'].filter((type) =>
          trace?.segments.some(
            (x) => x.name.startsWith(`SMA ${type} #`) && x.annotations.callId === placed.body.call.id,
          ),
        );
      }, POLL)
      .toEqual(['NEW_OUTBOUND_CALL', 'CALL_ANSWERED', 'HANGUP']);
  }, 90_000);

  it('given someone typing in a conversation, when the frame is relayed, then its trace holds the route, the relay and the conversation’s id, and the $connect authorizer’s is its own', async () => {
    const [ana, ben] = [await registerUser(url), await registerUser(url)];
    const conversation = await messaging(ana, '/conversations', { memberIds: [ben.user.id] });
    const conversationId: string = conversation.body.conversation.id;
    const [writer, reader] = await Promise.all([
      RealtimeClient.connect(websocketUrl(url), ana.tokens.accessToken),
      RealtimeClient.connect(websocketUrl(url), ben.tokens.accessToken),
    ]);
    open.push(writer, reader);

    // the membership projection may lag: type until ben sees it
    await expect
      .poll(async () => {
        writer.send({ action: 'typing', conversationId });
        return reader
          .waitFor((f) => f.type === 'typing' && f.data.conversationId === conversationId, 2_000)
          .then(() => true)
          .catch(() => false);
      }, POLL)
      .toBe(true);

    await expect
      .poll(async () => {
        const found = await traces(`annotation=${encodeURIComponent(`conversationId:${conversationId}`)}`);
        return found.some(
          (t) =>
            t.segments.some((x) => /^parley-notifications-local-wsTyping/.test(x.name)) &&
            t.segments.some((x) => x.name === 'ApiGatewayManagementApi') &&
            t.segments.some((x) => x.annotations.userId === ana.user.id),
        );
      }, POLL)
      .toBe(true);
    // the $connect authorizer's invocation is a trace of its own, found by the caller
    const connects = (await annotated('userId', ana.user.id)).filter((t) =>
      roots(t).some((s) => s.name === 'parley-notifications-local-wsAuthorizer'),
    );
    expect(connects.length).toBeGreaterThan(0);
    expect(connects.every((t) => roots(t).length === 1 && t.services.join() === 'notifications')).toBe(true);
  }, 60_000);
});

const phone = async (path: string, init?: RequestInit): Promise<any> => {
  const res = await fetch(`${url}/_dev/pstn/calls${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', origin: url },
  });
  return res.json();
};
