import { authOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { listOrders } from '../../domain/orders.ts';
import { core } from '../../wiring/index.ts';
import { errorStatus } from './errors.ts';

export const handler = httpHandler({ errors: errorStatus }).handler(async (event) =>
  ok({ items: await listOrders(core(), authOf(event)) }),
);
