import { toMicros } from '@parley/domain/prices';
import { dynamoIdempotencyStore } from '@parley/lambda/idempotency';
import { once } from '@parley/lambda/once';
import { electroLedgerStore } from '../adapters/ledger-store.ts';
import { dynamo, usageService } from '../adapters/table.ts';
import { config } from '../config.ts';

const db = /* @__PURE__ */ once(() => usageService(config.TABLE_NAME));

/**
 * What every use case shares: the ledger on the table, the clock and the monthly cap. EventBridge
 * lives in `publishing.ts`, so the report functions do not bundle it.
 */
export const core = /* @__PURE__ */ once(() => ({
  ledger: electroLedgerStore(db()),
  clock: { now: () => new Date() },
  capMicros: toMicros(config.MONTHLY_CAP_USD),
}));

/** Processed eventIds of every consumer, on the service's own table. */
export const idempotency = /* @__PURE__ */ once(() => dynamoIdempotencyStore(dynamo, config.TABLE_NAME));
