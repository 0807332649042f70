import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { awsClient } from '@parley/lambda/clients';
import { once } from '@parley/lambda/once';
import { eventBridgeRelay } from '../adapters/outbox.ts';
import { config } from '../config.ts';
import { core, db } from './index.ts';

/** Core ports plus the outbox relay, for every use case that changes something. */
export const publishing = /* @__PURE__ */ once(() => ({
  ...core(),
  relay: eventBridgeRelay(db(), awsClient(EventBridgeClient, {}), config.EVENT_BUS_NAME),
}));
