import { UserRegistered } from '@parley/events/identity';
import { busEvent, httpAuthorizerEvent, httpEvent } from '@parley/testing/events';
import { lambdaContext } from '@parley/testing/lambda-context';
import { createLocalJWKSet } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { httpAuthorizer } from '../src/authorizer.ts';
import { eventHandler, type RawBusEvent } from '../src/events.ts';
import { httpHandler, ok } from '../src/http.ts';
import { logger } from '../src/observability.ts';

// The unit project runs with LOG_LEVEL=SILENT; this file reads the lines, so its logger logs INFO
// (from init: the logger returns to its initial level at every warm invocation).
// vi.hoisted runs before the imports above.
vi.hoisted(() => {
  process.env.LOG_LEVEL = 'INFO';
});

// The Powertools logger's own JSON lines, as CloudWatch Logs receives them, for an HTTP
// handler and an event consumer invoked as Lambda invokes them (`_X_AMZN_TRACE_ID` set per
// invocation): what docs/runbook.md's Logs Insights queries filter on.

const ROOT_1 = '1-6900aa00-111111111111111111111111';
const ROOT_2 = '1-6900aa00-222222222222222222222222';
const traceHeader = (root: string) => `Root=${root};Parent=0123456789abcdef;Sampled=1`;

let lines: Record<string, unknown>[] = [];
const saved = process.env._X_AMZN_TRACE_ID;

beforeEach(() => {
  lines = [];
  // the Console the logger built at init, writing to stdout/stderr: every line goes through one of these
  const sink = (logger as unknown as { console: Record<'debug' | 'info' | 'warn' | 'error', (line: string) => void> })
    .console;
  for (const method of ['debug', 'info', 'warn', 'error'] as const)
    vi.spyOn(sink, method).mockImplementation((line: string) => {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (saved === undefined) delete process.env._X_AMZN_TRACE_ID;
  else process.env._X_AMZN_TRACE_ID = saved;
});

/** Invokes `run` as Lambda does: the invocation's trace header in `_X_AMZN_TRACE_ID`. */
async function invocation<T>(root: string, run: () => Promise<T>): Promise<T> {
  process.env._X_AMZN_TRACE_ID = traceHeader(root);
  return run();
}
const logged = (message: string) => lines.filter((l) => l.message === message);

describe('log correlation: an HTTP handler', () => {
  const handler = httpHandler({ query: z.object({ tag: z.string().optional() }) }).handler(async (event) => {
    // what one request adds for itself must not reach the next one
    if (event.queryStringParameters.tag) logger.appendKeys({ tag: event.queryStringParameters.tag });
    logger.info('handled');
    return ok({});
  });
  const context = lambdaContext({ functionName: 'parley-messaging-test-sendMessage' });

  it('given an invocation with a trace header, when the handler logs, then the line carries correlationId and xray_trace_id', async () => {
    // Prepare
    const event = httpEvent({ method: 'POST', path: '/things', auth: { userId: 'u_ana' } });

    // Act
    const res = await invocation(ROOT_1, () => handler(event, context));

    // Assess
    const [line] = logged('handled');
    expect(line).toMatchObject({
      level: 'INFO',
      correlationId: event.requestContext.requestId,
      xray_trace_id: ROOT_1,
      route: 'POST /things',
      function_name: 'parley-messaging-test-sendMessage',
    });
    expect(res.headers?.['x-correlation-id']).toBe(event.requestContext.requestId);
  });

  it("given the caller's x-correlation-id, when the handler logs, then that id is the line's correlationId", async () => {
    const event = httpEvent({ path: '/things', headers: { 'x-correlation-id': 'corr-from-client' } });
    await invocation(ROOT_1, () => handler(event, context));
    expect(logged('handled')[0]).toMatchObject({ correlationId: 'corr-from-client', xray_trace_id: ROOT_1 });
  });

  it('given two invocations one after the other, when each logs, then no key of the first is on the second', async () => {
    // Prepare
    const first = httpEvent({ path: '/things', query: { tag: 'first-only' } });
    const second = httpEvent({ path: '/other' });

    // Act
    await invocation(ROOT_1, () => handler(first, context));
    await invocation(ROOT_2, () => handler(second, context));

    // Assess
    const [a, b] = logged('handled');
    expect(a).toMatchObject({
      correlationId: first.requestContext.requestId,
      xray_trace_id: ROOT_1,
      tag: 'first-only',
    });
    expect(b).toMatchObject({
      correlationId: second.requestContext.requestId,
      xray_trace_id: ROOT_2,
      route: 'GET /other',
    });
    expect(b).not.toHaveProperty('tag');
  });

  it('given a refused request, when the preset logs it, then that line carries the ids too', async () => {
    const refusing = httpHandler({ errors: { NotAMember: 403 } }).handler(async () => {
      throw Object.assign(new Error('nope'), { name: 'NotAMember' });
    });
    const event = httpEvent({ path: '/things' });
    await invocation(ROOT_2, () => refusing(event, context));
    expect(logged('request refused')[0]).toMatchObject({
      status: 403,
      correlationId: event.requestContext.requestId,
      xray_trace_id: ROOT_2,
    });
  });
});

describe('log correlation: an event consumer', () => {
  const data = {
    userId: 'u1',
    displayName: 'Ana',
    email: 'ana@example.com',
    roles: [],
    registeredAt: '2026-11-22T00:00:00.000Z',
  };
  const consumer = eventHandler(UserRegistered, { idempotency: 'by-effect' }).handler(async (detail) => {
    if (detail.data.displayName === 'Tagged') logger.appendKeys({ tag: 'first-only' });
    logger.info('consumed');
  });
  const context = lambdaContext({ functionName: 'parley-numbers-test-onUserRegistered' });
  const delivered = (eventId: string, correlationId: string, displayName = 'Ana') =>
    busEvent(UserRegistered, { ...data, displayName }, { eventId, correlationId }) as RawBusEvent;

  it('given a delivery in its trace, when the consumer logs, then the line carries correlationId, eventId and xray_trace_id', async () => {
    await invocation(ROOT_1, () => consumer(delivered('e-1', 'corr-1'), context));
    expect(logged('consumed')[0]).toMatchObject({
      correlationId: 'corr-1',
      eventId: 'e-1',
      detailType: 'identity.UserRegistered',
      xray_trace_id: ROOT_1,
      function_name: 'parley-numbers-test-onUserRegistered',
    });
  });

  it('given two deliveries one after the other, when each logs, then the second carries only its own keys', async () => {
    await invocation(ROOT_1, () => consumer(delivered('e-2', 'corr-2', 'Tagged'), context));
    await invocation(ROOT_2, () => consumer(delivered('e-3', 'corr-3'), context));
    const [a, b] = logged('consumed');
    expect(a).toMatchObject({ correlationId: 'corr-2', eventId: 'e-2', xray_trace_id: ROOT_1, tag: 'first-only' });
    expect(b).toMatchObject({ correlationId: 'corr-3', eventId: 'e-3', xray_trace_id: ROOT_2 });
    expect(b).not.toHaveProperty('tag');
  });

  it('given an HTTP request and then a delivery, when both log, then the consumer line has no route and the request line no eventId', async () => {
    const handler = httpHandler().handler(async () => {
      logger.info('handled');
      return ok({});
    });
    await invocation(ROOT_1, () => handler(httpEvent({ path: '/things' }), context));
    await invocation(ROOT_2, () => consumer(delivered('e-4', 'corr-4'), context));
    await invocation(ROOT_1, () => handler(httpEvent({ path: '/things' }), context));
    const [request, again] = logged('handled');
    const [consumed] = logged('consumed');
    expect(request).not.toHaveProperty('eventId');
    expect(consumed).not.toHaveProperty('route');
    expect(consumed).toMatchObject({ eventId: 'e-4', xray_trace_id: ROOT_2 });
    expect(again).not.toHaveProperty('eventId');
    expect(again).not.toHaveProperty('detailType');
  });
});

describe('log correlation: the authorizer', () => {
  const authorize = httpAuthorizer(() => ({
    jwks: createLocalJWKSet({ keys: [] }),
    issuer: 'https://api.parley.test/identity',
    audience: 'parley',
  }));
  const context = lambdaContext({ functionName: 'parley-messaging-test-authorizer' });

  it('given a refused token, when the authorizer logs it, then the line carries the request id as correlationId and its own trace', async () => {
    const event = httpAuthorizerEvent({ token: 'not.a.jwt' });
    await invocation(ROOT_1, () => authorize(event, context));
    await invocation(ROOT_2, () => authorize(httpAuthorizerEvent({ token: 'still.not.one' }), context));
    const [first, second] = logged('token refused');
    expect(first).toMatchObject({ correlationId: event.requestContext.requestId, xray_trace_id: ROOT_1 });
    expect(second).toMatchObject({ xray_trace_id: ROOT_2 });
    expect(second?.correlationId).not.toBe(first?.correlationId);
  });
});
