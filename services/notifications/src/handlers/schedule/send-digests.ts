import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { enterScope } from '@parley/lambda/correlation';
import { logger, tracer } from '@parley/lambda/observability';
import { sendDueDigests } from '../../domain/digests.ts';
import { wiring } from '../../wiring.ts';

/** Every minute: sends the SMS digests that are due (at most 100 per run; the next run takes the rest). */
async function sweep(): Promise<void> {
  enterScope({});
  const counts = await sendDueDigests(wiring.digests(), { limit: 100, smsDailyCap: wiring.config.SMS_DAILY_CAP });
  logger.info('digest sweep', counts);
}

export const handler = middy<unknown, void>()
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(sweep);
