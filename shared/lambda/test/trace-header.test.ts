import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { UserRegistered } from '@parley/events/identity';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { traceAnnotations } from '../src/observability.ts';
import { eventBridgePublisher } from '../src/publisher.ts';
import { currentTraceHeader } from '../src/trace-header.ts';

const global = globalThis as { awslambda?: { InvokeStore?: unknown } };
const saved = global.awslambda;
const fromStore = 'Root=1-6900aa00-aaaaaaaaaaaaaaaaaaaaaaaa;Parent=1111111111111111;Sampled=1';
const fromEnv = 'Root=1-6900aa00-bbbbbbbbbbbbbbbbbbbbbbbb;Parent=2222222222222222;Sampled=1';
/** The Lambda runtime's per-invocation store, holding this invocation's trace header. */
const withStore = (header: string | undefined) => {
  global.awslambda = { InvokeStore: { getXRayTraceId: () => header } };
};

afterEach(() => {
  global.awslambda = saved;
  delete process.env._X_AMZN_TRACE_ID;
});

describe('currentTraceHeader', () => {
  it("given the runtime's InvokeStore holds a trace id, when read, then it wins over the environment", () => {
    withStore(fromStore);
    expect(currentTraceHeader({ _X_AMZN_TRACE_ID: fromEnv })).toBe(fromStore);
  });

  it('given no store or an empty one, when read, then _X_AMZN_TRACE_ID, else nothing', () => {
    expect(currentTraceHeader({ _X_AMZN_TRACE_ID: fromEnv })).toBe(fromEnv);
    withStore(undefined);
    expect(currentTraceHeader({ _X_AMZN_TRACE_ID: fromEnv })).toBe(fromEnv);
    expect(currentTraceHeader({})).toBeUndefined();
  });

  it("given an invocation's store, when publishing, then PutEvents carries that invocation's trace header", async () => {
    const eventBridge = mockClient(EventBridgeClient);
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'x' }] });
    process.env._X_AMZN_TRACE_ID = fromEnv;
    withStore(fromStore);
    const publisher = eventBridgePublisher(new EventBridgeClient({ region: 'eu-central-1' }), 'parley-test');
    await publisher.publish(UserRegistered, {
      userId: 'u1',
      displayName: 'Ana',
      email: 'ana@example.com',
      roles: [],
      registeredAt: '2026-11-22T00:00:00.000Z',
    });
    expect(eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0]?.TraceHeader).toBe(fromStore);
    eventBridge.restore();
  });
});

describe('traceAnnotations', () => {
  it('given an event data object, when read, then only the searchable ids with usable values come out', () => {
    expect(
      traceAnnotations({
        conversationId: 'c_1',
        messageId: 'm_1',
        userId: '',
        callId: { nested: true },
        transactionId: 't'.repeat(251),
        text: 'hello',
        seq: 4,
        eventId: 7,
      }),
    ).toEqual({ conversationId: 'c_1', messageId: 'm_1', eventId: 7 });
    expect(traceAnnotations({ userId: 'u_1', conversationId: 'c_1' }, ['conversationId'])).toEqual({
      conversationId: 'c_1',
    });
    expect(traceAnnotations(undefined)).toEqual({});
    expect(traceAnnotations('c_1')).toEqual({});
  });
});
