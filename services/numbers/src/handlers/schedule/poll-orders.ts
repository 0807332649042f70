import { scheduledHandler } from '@parley/lambda/schedule';
import { pollOrders } from '../../domain/orders.ts';
import { chime } from '../../wiring/chime.ts';
import { publishing } from '../../wiring/publishing.ts';

/** Every minute: moves open Chime orders on (NumberProvisioned for each number acquired). */
export const handler = scheduledHandler().handler(async () => pollOrders({ ...chime(), ...publishing() }));
