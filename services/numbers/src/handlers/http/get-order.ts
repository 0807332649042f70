import { authOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { getOrder } from '../../domain/orders.ts';
import { core } from '../../wiring/index.ts';
import { errorStatus } from './errors.ts';
import { OrderPath } from './schemas.ts';

export const handler = httpHandler({ path: OrderPath, errors: errorStatus }).handler(async (event) =>
  ok({ order: await getOrder(core(), authOf(event), event.pathParameters) }),
);
