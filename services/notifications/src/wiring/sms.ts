import { SNSClient } from '@aws-sdk/client-sns';
import { awsClient } from '@parley/lambda/clients';
import { once } from '@parley/lambda/once';
import { snsSmsSender } from '../adapters/sms.ts';
import { emfSmsMetrics } from '../adapters/sms-metrics.ts';
import { config } from '../config.ts';
import { presence } from './index.ts';

/** Every SMS (digests, calls, verification codes): presence plus the SNS sender and the SMS metric. */
export const digests = /* @__PURE__ */ once(() => ({
  ...presence(),
  sms: snsSmsSender(awsClient(SNSClient, {}), config.SMS_SENDER_ID),
  metrics: emfSmsMetrics(config.STAGE),
}));
