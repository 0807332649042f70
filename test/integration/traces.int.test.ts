// biome-ignore-all lint/suspicious/noExplicitAny: responses are read field by field
import { RealtimeClient, websocketUrl } from '@parley/realtime/node-client';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { api } from '../support/http.ts';
import { giveNumber } from '../support/numbers.ts';
import { authHeader, registerUser } from '../support/users.ts';

// One trace per flow on devstack: the services' own tracer code sends segments to devstack's X-Ray
// collector, devstack adds the API Gateway hop and each invocation's function segment, and the
// trace header rides PutEvents across EventBridge into the consumer (docs/runbook.md).
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
    const answerRoot = /Root=([^;]+)/.exec(answered.headers.get('x-amzn-trace-id') ?? '')?.[1] ?? '';
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
    // the browser's answer is found by the same callId
    const byCall = (await traces(`annotation=${encodeURIComponent(`callId:${callId}`)}`)).map((t) => t.traceId);
    expect(byCall).toEqual(expect.arrayContaining([trace?.traceId, answerRoot]));
  }, 120_000);

  it('given someone calls a phone, when it answers and hangs up, then the call continues the dialling request’s trace', async () => {
    const ana = await registerUser(url);
    await giveNumber(devstack, ana);
    const placed = await calling('POST', '/calls', {
      token: ana.tokens.accessToken,
      body: { to: { phoneNumber: '+41446681800' }, media: 'audio' },
    });
    expect(placed.status).toBe(201);
    const root = /Root=([^;]+)/.exec(placed.headers.get('x-amzn-trace-id') ?? '')?.[1] ?? '';
    const outbound = async () =>
      ((await phone('')).items as any[]).find((c) => c.direction === 'outbound' && c.to === '+41446681800');
    await expect.poll(async () => (await outbound())?.state, POLL).toBe('ringing');
    const far = await outbound();
    await phone(`/${far.id}/answer`, { method: 'POST', body: '{}' });
    await expect
      .poll(async () => ((await phone(`/${far.id}`)).actions as { type: string }[]).map((a) => a.type), POLL)
      .toContain('JoinChimeMeeting');
    await phone(`/${far.id}/hangup`, { method: 'POST', body: '{}' });

    // the request's own trace holds the call's invocations, each annotated with the call's ids
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

  it('given someone typing in a conversation, when the frame is relayed, then its trace holds the route, the relay and the conversation’s id', async () => {
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
  }, 60_000);
});

const phone = async (path: string, init?: RequestInit): Promise<any> => {
  const res = await fetch(`${url}/_dev/pstn/calls${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', origin: url },
  });
  return res.json();
};
