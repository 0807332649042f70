import { dynamoIdempotencyStore } from '@parley/lambda/idempotency';
import { once } from '@parley/lambda/once';
import { electroDirectoryRepository } from '../adapters/directory-repository.ts';
import { electroNumberRepository, electroOrderRepository, electroUsageLedger } from '../adapters/number-repository.ts';
import { dynamo, numbersService } from '../adapters/table.ts';
import { config } from '../config.ts';

const db = /* @__PURE__ */ once(() => numbersService(config.TABLE_NAME));

/** The directory copy of registered users. */
export const directory = /* @__PURE__ */ once(() => ({ directory: electroDirectoryRepository(db()) }));

/**
 * What every use case shares: the table's repositories and the clock. Chime and SSM (`chime.ts`)
 * and EventBridge (`publishing.ts`) live in their own modules, so a function bundles only the
 * clients it uses.
 */
export const core = /* @__PURE__ */ once(() => ({
  numbers: electroNumberRepository(db()),
  orders: electroOrderRepository(db()),
  usage: electroUsageLedger(db()),
  users: electroDirectoryRepository(db()),
  ...directory(),
  clock: { now: () => new Date() },
}));

/** Processed eventIds of every consumer, on the service's own table. */
export const idempotency = /* @__PURE__ */ once(() => dynamoIdempotencyStore(dynamo, config.TABLE_NAME));
