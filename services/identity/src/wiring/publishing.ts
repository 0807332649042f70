import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { awsClient } from '@parley/lambda/clients';
import { once } from '@parley/lambda/once';
import { eventBridgePublisher } from '@parley/lambda/publisher';
import { config } from '../config.ts';
import { store } from './index.ts';
import { signer } from './signer.ts';

/** Identity's events, published to the platform bus. */
export const events = /* @__PURE__ */ once(() =>
  eventBridgePublisher(awsClient(EventBridgeClient, {}), config.EVENT_BUS_NAME),
);

/** The session use cases (refresh, logout, list and revoke sessions): the store, the signer and the events. */
export const sessions = /* @__PURE__ */ once(() => ({ ...store(), signer: signer(), events: events() }));
