import { CallInbound } from '@parley/events/calling';
import { lambdaContext } from '@parley/testing/lambda-context';
import type { Context } from 'aws-lambda';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SmaResponse } from '../src/domain/sma/contract.ts';
import { phoneLeg, smaEvent, smaWorld } from './sma-fixtures.ts';

type Sma = (event: unknown, context: Context) => Promise<SmaResponse>;

let deps = smaWorld();
let handler: Sma;
const context = () => lambdaContext({ functionName: 'parley-calling-test-sma-handler' });

beforeAll(async () => {
  vi.stubEnv('TABLE_NAME', 'unit-test-table');
  vi.stubEnv('EVENT_BUS_NAME', 'unit-test-bus');
  // the handler's wiring, with in-memory ports instead of DynamoDB, Chime, S3 and EventBridge
  vi.doMock('../src/wiring/calls.ts', () => ({ calling: () => deps }));
  vi.doMock('../src/wiring/audio.ts', () => ({ voicemail: () => deps }));
  handler = (await import('../src/handlers/sma/sma-handler.ts')).handler as unknown as Sma;
});
beforeEach(() => {
  deps = smaWorld();
});

describe('the SIP media application handler', () => {
  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['an unknown event type', { ...smaEvent('RINGING'), InvocationEventType: 'NEW_CALL' }],
    ['another schema version', { ...smaEvent('RINGING'), SchemaVersion: '2.0' }],
    [
      'no participants',
      { ...smaEvent('RINGING'), CallDetails: { ...smaEvent('RINGING').CallDetails, Participants: [] } },
    ],
  ])(
    'given an event that is %s, when invoked, then no actions (not a throw, which Chime would retry)',
    async (_, raw) => {
      const response = await handler(raw, context());

      expect(response).toEqual({ SchemaVersion: '1.0', Actions: [] });
      expect(deps.calls.calls.size).toBe(0);
    },
  );

  it('given a NEW_INBOUND_CALL to an assigned number, when invoked, then the ringback comes back and the owner rings', async () => {
    deps.numberOwners.owners['+5078001234'] = { userId: 'u-ana', country: 'PA', carrier: 'sip-trunk' };
    // the raw event as the SIP media application sends it: a lower-case leg tag, as one Chime example spells it
    const raw = JSON.parse(
      JSON.stringify(smaEvent('NEW_INBOUND_CALL', { legs: [phoneLeg()] })).replace('"LEG-A"', '"Leg-A"'),
    );

    const response = await handler(raw, context());

    expect(response.SchemaVersion).toBe('1.0');
    expect(response.Actions.map((a) => a.Type)).toEqual(['PlayAudio']);
    expect(response.TransactionAttributes).toMatchObject({ dir: 'in', stage: 'ringing' });
    expect(deps.events.of(CallInbound).map((e) => e.audience)).toEqual([['u-ana']]);
  });

  it("given a traced NEW_INBOUND_CALL, when invoked, then the invocation's trace header rides in the TransactionAttributes and later invocations keep it", async () => {
    deps.numberOwners.owners['+5078001234'] = { userId: 'u-ana', country: 'PA', carrier: 'sip-trunk' };
    const header = 'Root=1-6900aa00-aaaaaaaaaaaaaaaaaaaaaaaa;Parent=1111111111111111;Sampled=1';
    vi.stubEnv('_X_AMZN_TRACE_ID', header);
    try {
      const first = await handler(smaEvent('NEW_INBOUND_CALL', { legs: [phoneLeg()] }), context());
      expect(first.TransactionAttributes).toMatchObject({ dir: 'in', stage: 'ringing', trace: header });

      // a later invocation runs in its own Lambda trace: the call's header is the one it keeps
      vi.stubEnv('_X_AMZN_TRACE_ID', 'Root=1-6900aa01-bbbbbbbbbbbbbbbbbbbbbbbb;Parent=2222222222222222;Sampled=1');
      const attributes = first.TransactionAttributes ?? {};
      const later = await handler(
        smaEvent('ACTION_SUCCESSFUL', { attributes, actionData: { Type: 'PlayAudio', Parameters: {} } }),
        context(),
      );
      expect(later.TransactionAttributes?.trace ?? attributes.trace).toBe(header);
    } finally {
      vi.unstubAllEnvs();
      vi.stubEnv('TABLE_NAME', 'unit-test-table');
      vi.stubEnv('EVENT_BUS_NAME', 'unit-test-bus');
    }
  });
});
