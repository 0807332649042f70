import { describe, expect, it } from 'vitest';
import { callTraceOf, withCallTrace } from '../src/adapters/sma-trace.ts';
import { smaEvent } from './sma-fixtures.ts';

const CALL = 'Root=1-6900aa00-aaaaaaaaaaaaaaaaaaaaaaaa;Parent=1111111111111111;Sampled=1';
const DIALLER = 'Root=1-6900aa00-bbbbbbbbbbbbbbbbbbbbbbbb;Parent=2222222222222222;Sampled=1';

describe("a phone call's trace across the SIP media application's invocations", () => {
  it('given the first invocation of an inbound call, when read, then it continues nothing (its own trace is the call’s)', () => {
    expect(callTraceOf(smaEvent('NEW_INBOUND_CALL'))).toBeUndefined();
  });

  it('given a later invocation, when read, then the trace kept in the TransactionAttributes', () => {
    expect(callTraceOf(smaEvent('HANGUP', { attributes: { callId: 'c-1', trace: CALL } }))).toBe(CALL);
  });

  it('given NEW_OUTBOUND_CALL, when read, then the dialling request’s trace from the call’s arguments', () => {
    const created = { Type: 'CallCreateRequest', Parameters: { Arguments: { callId: 'c-1', trace: DIALLER } } };
    expect(callTraceOf(smaEvent('NEW_OUTBOUND_CALL', { actionData: created }))).toBe(DIALLER);
    // an argument passed to another event type is not the call's trace
    expect(callTraceOf(smaEvent('RINGING', { actionData: created }))).toBeUndefined();
  });

  it('given a response that replaces the attributes, when traced, then the header is added (an existing one kept)', () => {
    const event = smaEvent('NEW_INBOUND_CALL');
    const replaced = { SchemaVersion: '1.0' as const, Actions: [], TransactionAttributes: { callId: 'c-1' } };
    expect(withCallTrace(event, replaced, CALL).TransactionAttributes).toEqual({ callId: 'c-1', trace: CALL });
    const kept = { ...replaced, TransactionAttributes: { callId: 'c-1', trace: DIALLER } };
    expect(withCallTrace(event, kept, CALL).TransactionAttributes).toEqual({ callId: 'c-1', trace: DIALLER });
  });

  it('given a response that keeps the attributes, when traced, then it is left so unless there were none yet', () => {
    const keeps = { SchemaVersion: '1.0' as const, Actions: [] };
    const later = smaEvent('RINGING', { attributes: { callId: 'c-1', trace: CALL } });
    expect(withCallTrace(later, keeps, CALL)).toEqual(keeps);
    expect(withCallTrace(smaEvent('NEW_INBOUND_CALL'), keeps, CALL).TransactionAttributes).toEqual({ trace: CALL });
    expect(withCallTrace(smaEvent('NEW_INBOUND_CALL'), keeps, undefined)).toEqual(keeps);
  });
});
