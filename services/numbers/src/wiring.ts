import { dynamoIdempotencyStore } from '@parley/lambda/idempotency';
import { electroDirectoryRepository } from './adapters/directory-repository.ts';
import { dynamo, numbersService } from './adapters/table.ts';
import { config } from './config.ts';

const db = numbersService(config.TABLE_NAME);

export const wiring = {
  directory: () => ({ directory: electroDirectoryRepository(db) }),
  idempotency: () => dynamoIdempotencyStore(dynamo, config.TABLE_NAME),
};
