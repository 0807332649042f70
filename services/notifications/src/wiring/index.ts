import { randomUUID } from 'node:crypto';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { awsClient } from '@parley/lambda/clients';
import { dynamoIdempotencyStore } from '@parley/lambda/idempotency';
import { logger } from '@parley/lambda/observability';
import { once } from '@parley/lambda/once';
import { eventBridgePublisher } from '@parley/lambda/publisher';
import { dynamoConnectionStore } from '../adapters/connection-store.ts';
import { electroOptOutStore } from '../adapters/opt-out-store.ts';
import {
  electroBlockStore,
  electroCallStore,
  electroContactStore,
  electroCooldowns,
  electroMembershipStore,
  electroProfileStore,
  electroRateLimiter,
} from '../adapters/projection-stores.ts';
import { notificationsPublisher } from '../adapters/publisher.ts';
import { documents, dynamo, notificationsService } from '../adapters/table.ts';
import { electroTextRefStore } from '../adapters/text-ref-store.ts';
import { electroDigestStore, electroPreferencesStore } from '../adapters/user-stores.ts';
import { config } from '../config.ts';

// What every notifications function shares: the table's stores and the event publisher. The
// management API (`gateway.ts`) and the messaging provider (`messaging.ts`, used by `sms.ts` and `webhooks.ts`) live in their own modules so that a function
// bundles only the SDK clients it calls.

const clock = { now: () => new Date() };
/** Ids of the frames the relay sends. */
export const ids = { newId: randomUUID };
const log = { warn: (message: string, extra?: Record<string, unknown>) => logger.warn(message, extra ?? {}) };

const db = /* @__PURE__ */ once(() => notificationsService(config.TABLE_NAME));

/** Processed eventIds of every consumer, on the service's own table. */
export const idempotency = /* @__PURE__ */ once(() => dynamoIdempotencyStore(dynamo, config.TABLE_NAME));

/** The table's stores: connections, projections, preferences, digests, counters, cooldowns. */
export const stores = /* @__PURE__ */ once(() => ({
  connections: dynamoConnectionStore(documents, config.TABLE_NAME),
  membership: electroMembershipStore(db()),
  contacts: electroContactStore(db()),
  blocks: electroBlockStore(db()),
  calls: electroCallStore(db()),
  rateLimiter: electroRateLimiter(db()),
  cooldowns: electroCooldowns(db()),
  preferences: electroPreferencesStore(db()),
  profiles: electroProfileStore(db()),
  digests: electroDigestStore(db()),
  optOuts: electroOptOutStore(db()),
}));

/** The refs of conversation texts sent, by provider message id (ADR 0028). */
export const textRefs = /* @__PURE__ */ once(() => electroTextRefStore(db()));

const publisher = /* @__PURE__ */ once(() =>
  notificationsPublisher(eventBridgePublisher(awsClient(EventBridgeClient, {}), config.EVENT_BUS_NAME)),
);

/** Connections and presence: the stores, the publisher, a clock and a logger. */
export const presence = /* @__PURE__ */ once(() => ({ ...stores(), publisher: publisher(), clock, log }));
