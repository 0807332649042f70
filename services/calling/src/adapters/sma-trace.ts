import type { SmaEvent, SmaResponse } from '../domain/sma/contract.ts';

/**
 * Where a phone call's trace header travels (docs/adr/0027-one-trace-per-phone-call.md): the
 * TransactionAttributes key the SIP media application hands back on every invocation, and the
 * CreateSipMediaApplicationCall argument an outbound call's NEW_OUTBOUND_CALL carries.
 */
export const CALL_TRACE_ATTRIBUTE = 'trace';

/**
 * The trace this invocation continues: the call's, kept in its TransactionAttributes by an earlier
 * invocation; on NEW_OUTBOUND_CALL, the dialling request's, passed in the call's arguments.
 * Undefined on a call's first invocation of an inbound call: its own trace is the call's.
 */
export function callTraceOf(event: SmaEvent): string | undefined {
  const kept = event.CallDetails.TransactionAttributes?.[CALL_TRACE_ARGUMENT];
  if (kept) return kept;
  if (event.InvocationEventType !== 'NEW_OUTBOUND_CALL') return undefined;
  const passed = (event.ActionData?.Parameters?.Arguments as Record<string, unknown> | undefined)?.[
    CALL_TRACE_ARGUMENT
  ];
  return typeof passed === 'string' && passed !== '' ? passed : undefined;
}

/** The argument name (the same key as the attribute). */
export const CALL_TRACE_ARGUMENT = CALL_TRACE_ATTRIBUTE;

/**
 * The response with the call's trace header in its TransactionAttributes, so the next invocation
 * finds it. A response that replaces the attributes gets it added; one that leaves them as they are
 * (no TransactionAttributes: Chime keeps the last ones) is left so, except on the call's first
 * invocation, which has none to keep.
 */
export function withCallTrace(event: SmaEvent, response: SmaResponse, header: string | undefined): SmaResponse {
  if (!header) return response;
  const replaced = response.TransactionAttributes;
  if (replaced) {
    return replaced[CALL_TRACE_ATTRIBUTE]
      ? response
      : { ...response, TransactionAttributes: { ...replaced, [CALL_TRACE_ATTRIBUTE]: header } };
  }
  const kept = event.CallDetails.TransactionAttributes ?? {};
  return Object.keys(kept).length === 0
    ? { ...response, TransactionAttributes: { [CALL_TRACE_ATTRIBUTE]: header } }
    : response;
}
