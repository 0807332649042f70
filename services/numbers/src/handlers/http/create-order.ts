import { authOf } from '@parley/lambda/auth-context';
import { created, httpHandler } from '@parley/lambda/http';
import { placeOrder } from '../../domain/orders.ts';
import { chime } from '../../wiring/chime.ts';
import { publishing } from '../../wiring/publishing.ts';
import { errorStatus } from './errors.ts';
import { OrderBody } from './schemas.ts';

export const handler = httpHandler({ body: OrderBody, errors: errorStatus }).handler(async (event) =>
  created({ order: await placeOrder({ ...chime(), ...publishing() }, authOf(event), event.body) }),
);
