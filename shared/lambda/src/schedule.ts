import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { enterScope } from './correlation.ts';
import { logger, tracer } from './observability.ts';

/**
 * The scheduled-function preset, the sibling of `httpHandler` and `eventHandler`: tracer, logger
 * (context injected, keys reset), a correlation id per run (the schedule event's id, so a run's log
 * lines and the events it publishes share one id), and a failed run logged before it is rethrown
 * (the schedule's retry policy and on-failure destination decide what happens next).
 * The handler stays a one-liner into a use case and returns what the run did, for the logs.
 */
export function scheduledHandler() {
  return {
    handler<R>(fn: (event: ScheduledEvent, context: Context) => Promise<R>) {
      const inner = async function scheduledInner(event: ScheduledEvent, context: Context): Promise<R> {
        // A manual invoke (`serverless invoke`, devstack) may send `{}`: every field is optional here.
        const scope = enterScope({ correlationId: event?.id });
        logger.appendKeys({ correlationId: scope.correlationId, schedule: event?.resources?.[0] });
        try {
          return await fn(event, context);
        } catch (err) {
          logger.error('scheduled run failed', { error: err as Error });
          throw err;
        }
      };
      return middy<ScheduledEvent, R>()
        .use(captureLambdaHandler(tracer, { captureResponse: false }))
        .use(injectLambdaContext(logger, { resetKeys: true }))
        .handler(inner);
    },
  };
}
