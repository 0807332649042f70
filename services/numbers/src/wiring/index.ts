import { dynamoIdempotencyStore } from '@parley/lambda/idempotency';
import { once } from '@parley/lambda/once';
import { electroDirectoryRepository } from '../adapters/directory-repository.ts';
import { dynamo, numbersService } from '../adapters/table.ts';
import { config } from '../config.ts';

const db = once(() => numbersService(config.TABLE_NAME));

/** The directory copy of registered users. */
export const directory = once(() => ({ directory: electroDirectoryRepository(db()) }));

/** Processed eventIds of every consumer, on the service's own table. */
export const idempotency = once(() => dynamoIdempotencyStore(dynamo, config.TABLE_NAME));
