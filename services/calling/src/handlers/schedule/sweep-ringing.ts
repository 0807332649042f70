import { scheduledHandler } from '@parley/lambda/schedule';
import { sweepRinging } from '../../domain/call-end.ts';
import { calling } from '../../wiring/calls.ts';

/** Every minute: calls whose ring time is over and whose timer was lost become missed. */
export const handler = scheduledHandler().handler(async () => sweepRinging(calling()));
