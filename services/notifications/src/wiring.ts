import { randomUUID } from 'node:crypto';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SNSClient } from '@aws-sdk/client-sns';
import { awsClient } from '@parley/lambda/clients';
import { dynamoIdempotencyStore } from '@parley/lambda/idempotency';
import { logger } from '@parley/lambda/observability';
import { eventBridgePublisher } from '@parley/lambda/publisher';
import { dynamoConnectionStore } from './adapters/connection-store.ts';
import { apiGatewayConnectionGateway, managementApiClient } from './adapters/gateway.ts';
import {
  electroCallStore,
  electroContactStore,
  electroMembershipStore,
  electroProfileStore,
  electroRateLimiter,
} from './adapters/projection-stores.ts';
import { notificationsPublisher } from './adapters/publisher.ts';
import { snsSmsSender } from './adapters/sms.ts';
import { documents, dynamo, notificationsService } from './adapters/table.ts';
import { electroDigestStore, electroPreferencesStore } from './adapters/user-stores.ts';
import { config } from './config.ts';

const db = notificationsService(config.TABLE_NAME);
const clock = { now: () => new Date() };
const ids = { newId: randomUUID };
const log = { warn: (message: string, extra?: Record<string, unknown>) => logger.warn(message, extra ?? {}) };

// Clients are built on first use, once per container: a function only pays for what it calls.
const once = <T>(make: () => T) => {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
};

const stores = once(() => ({
  connections: dynamoConnectionStore(documents, config.TABLE_NAME),
  membership: electroMembershipStore(db),
  contacts: electroContactStore(db),
  calls: electroCallStore(db),
  rateLimiter: electroRateLimiter(db),
  preferences: electroPreferencesStore(db),
  profiles: electroProfileStore(db),
  digests: electroDigestStore(db),
}));
const publisher = once(() =>
  notificationsPublisher(eventBridgePublisher(awsClient(EventBridgeClient, {}), config.EVENT_BUS_NAME)),
);
const gateway = once(() => apiGatewayConnectionGateway(managementApiClient(config.WEBSOCKET_API_ENDPOINT)));
const sms = once(() => snsSmsSender(awsClient(SNSClient, {}), config.SMS_SENDER_ID));

const presenceDeps = () => ({ ...stores(), publisher: publisher(), clock, log });

export const wiring = {
  config,
  idempotency: once(() => dynamoIdempotencyStore(dynamo, config.TABLE_NAME)),
  presence: presenceDeps,
  fanOut: () => ({ ...presenceDeps(), gateway: gateway() }),
  relay: () => ({ ...presenceDeps(), gateway: gateway(), ids }),
  audience: () => ({ ...presenceDeps(), gateway: gateway() }),
  digests: () => ({ ...presenceDeps(), sms: sms() }),
  stores,
  gateway,
};
