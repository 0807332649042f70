import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { inTraceOf } from '@parley/lambda/continue-trace';
import { enterScope } from '@parley/lambda/correlation';
import { annotateTrace, logger, tracer } from '@parley/lambda/observability';
import { currentTraceHeader } from '@parley/lambda/trace-header';
import type { Context } from 'aws-lambda';
import { CALL_TRACE_ATTRIBUTE, callTraceOf, withCallTrace } from '../../adapters/sma-trace.ts';
import { SmaEvent, type SmaResponse } from '../../domain/sma/contract.ts';
import { handleSmaEvent } from '../../domain/sma/dispatch.ts';
import { voicemail } from '../../wiring/audio.ts';
import { calling } from '../../wiring/calls.ts';

/**
 * The SIP media application's function (docs/adr/0015-phone-calls.md). Thin: parse the event (zod,
 * the contract's types), hand it to the use case for its type, return the actions. Every event and
 * response is logged with the TransactionId as the correlation id. An event that does not parse gets
 * no actions, not an exception (which Chime would retry for 20 s).
 *
 * One trace per call (docs/adr/0027-one-trace-per-phone-call.md): the call's first invocation is the
 * call's trace (an outbound call's, the dialling request's), its header rides in the
 * TransactionAttributes, and every later invocation runs as a segment of that trace, annotated
 * `transactionId` and `callId`, each invocation's work a subsegment `SMA <type> #<Sequence>`.
 */
async function smaInner(raw: unknown, context: Context): Promise<SmaResponse> {
  const transactionId = (raw as { CallDetails?: { TransactionId?: string } })?.CallDetails?.TransactionId;
  const scope = enterScope({ correlationId: transactionId });
  logger.appendKeys({ correlationId: scope.correlationId, transactionId });
  logger.info('sma event', { event: raw });
  const parsed = SmaEvent.safeParse(raw);
  if (!parsed.success) {
    if (tracer.isTracingEnabled() && transactionId) tracer.putAnnotation('transactionId', transactionId);
    logger.error('sma event does not parse', { issues: parsed.error.issues });
    return { SchemaVersion: '1.0', Actions: [] };
  }
  const event = parsed.data;
  const attributes = event.CallDetails.TransactionAttributes ?? {};
  const continues = callTraceOf(event);
  if (continues) logger.appendKeys({ callTraceId: /Root=([^;]+)/.exec(continues)?.[1] });
  const ids = {
    transactionId: event.CallDetails.TransactionId,
    ...(attributes.callId ? { callId: attributes.callId } : {}),
  };
  const { result: response, header } = await inTraceOf(
    {
      header: continues,
      segmentName: context?.functionName ?? 'smaHandler',
      subsegmentName: `SMA ${event.InvocationEventType} #${event.Sequence}`,
      annotations: ids,
    },
    async () => {
      const out = await handleSmaEvent({ ...calling(), ...voicemail() }, event);
      // the call's id, when this invocation made it (NEW_INBOUND_CALL)
      if (!ids.callId) annotateTrace({ callId: out.TransactionAttributes?.callId });
      return out;
    },
  );
  const traced = withCallTrace(event, response, attributes[CALL_TRACE_ATTRIBUTE] ?? header ?? currentTraceHeader());
  logger.info('sma response', { response: traced });
  return traced;
}

export const handler = middy<unknown, SmaResponse>()
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(smaInner);
