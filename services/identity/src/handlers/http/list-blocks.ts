import { authOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { listBlocks } from '../../domain/blocks.ts';
import { contacts } from '../../wiring/avatars.ts';
import { errorStatus } from './errors.ts';

export const handler = httpHandler({ errors: errorStatus }).handler(async (event) =>
  ok({ items: await listBlocks(contacts(), { userId: authOf(event).userId }) }),
);
