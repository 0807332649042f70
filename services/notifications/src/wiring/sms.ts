import { SNSClient } from '@aws-sdk/client-sns';
import { awsClient } from '@parley/lambda/clients';
import { once } from '@parley/lambda/once';
import { snsSmsSender } from '../adapters/sms.ts';
import { config } from '../config.ts';
import { presence } from './index.ts';

/** SMS digests: presence plus the SNS sender. */
export const digests = once(() => ({
  ...presence(),
  sms: snsSmsSender(awsClient(SNSClient, {}), config.SMS_SENDER_ID),
}));
