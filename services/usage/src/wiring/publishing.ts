import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { awsClient } from '@parley/lambda/clients';
import { once } from '@parley/lambda/once';
import { eventBridgePublisher } from '@parley/lambda/publisher';
import { config } from '../config.ts';
import { core } from './index.ts';

/** Core ports plus the EventBridge publisher: recording a line tells calling the new month total. */
export const publishing = /* @__PURE__ */ once(() => ({
  ...core(),
  events: eventBridgePublisher(awsClient(EventBridgeClient, {}), config.EVENT_BUS_NAME),
}));
