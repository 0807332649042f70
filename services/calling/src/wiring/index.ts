import { randomBytes } from 'node:crypto';
import { dynamoIdempotencyStore } from '@parley/lambda/idempotency';
import { logger } from '@parley/lambda/observability';
import { once } from '@parley/lambda/once';
import { electroBlocks } from '../adapters/block-repository.ts';
import { electroCallRepository } from '../adapters/call-repository.ts';
import { electroUserDirectory } from '../adapters/directory-repository.ts';
import { electroNumberOwners } from '../adapters/number-owner-repository.ts';
import { electroPresence } from '../adapters/presence-repository.ts';
import { electroMissedCallStore, electroSettingsRepository } from '../adapters/settings-repository.ts';
import { callingService, dynamo } from '../adapters/table.ts';
import { config } from '../config.ts';

/** The calling table's electrodb Service. */
export const db = /* @__PURE__ */ once(() => callingService(config.TABLE_NAME));

/**
 * The ports every use case shares. The Chime and EventBridge clients live in `calls.ts`, so a
 * read-only route (the call log, settings) does not carry them into its cold start.
 */
export const core = /* @__PURE__ */ once(() => ({
  calls: electroCallRepository(db()),
  missed: electroMissedCallStore(db()),
  settings: electroSettingsRepository(db()),
  directory: electroUserDirectory(db()),
  numberOwners: electroNumberOwners(db()),
  presence: electroPresence(db()),
  blocks: electroBlocks(db()),
  // 120 random bits, URL-safe: unguessable ids (also the meeting's ClientRequestToken)
  ids: { id: () => randomBytes(15).toString('base64url') },
  clock: { now: () => new Date() },
  diagnostics: { warn: (message: string, context: Record<string, unknown>) => logger.warn(message, context) },
}));

/** Processed eventIds of every consumer, on the service's own table. */
export const idempotency = /* @__PURE__ */ once(() => dynamoIdempotencyStore(dynamo, config.TABLE_NAME));
