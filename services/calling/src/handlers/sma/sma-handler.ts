import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { enterScope } from '@parley/lambda/correlation';
import { logger, tracer } from '@parley/lambda/observability';
import { SmaEvent, type SmaResponse } from '../../domain/sma/contract.ts';
import { handleSmaEvent } from '../../domain/sma/dispatch.ts';
import { voicemail } from '../../wiring/audio.ts';
import { calling } from '../../wiring/calls.ts';

/**
 * The SIP media application's function (docs/adr/0015-phone-calls.md). Thin: parse the event (zod,
 * the contract's types), hand it to the use case for its type, return the actions. Every event and
 * response is logged with the TransactionId as the correlation id (and an X-Ray annotation). An
 * event that does not parse gets no actions, not an exception (which Chime would retry for 20 s).
 */
async function smaInner(raw: unknown): Promise<SmaResponse> {
  const transactionId = (raw as { CallDetails?: { TransactionId?: string } })?.CallDetails?.TransactionId;
  const scope = enterScope({ correlationId: transactionId });
  logger.appendKeys({ correlationId: scope.correlationId, transactionId });
  if (transactionId) tracer.putAnnotation('transactionId', transactionId);
  logger.info('sma event', { event: raw });
  const parsed = SmaEvent.safeParse(raw);
  if (!parsed.success) {
    logger.error('sma event does not parse', { issues: parsed.error.issues });
    return { SchemaVersion: '1.0', Actions: [] };
  }
  const response = await handleSmaEvent({ ...calling(), ...voicemail() }, parsed.data);
  logger.info('sma response', { response });
  return response;
}

export const handler = middy<unknown, SmaResponse>()
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(smaInner);
