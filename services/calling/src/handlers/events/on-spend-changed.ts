import { SpendChanged } from '@parley/events/usage';
import { eventHandler } from '@parley/lambda/events';
import { recordMonthlySpend } from '../../domain/monthly-spend.ts';
import { idempotency } from '../../wiring/index.ts';
import { pstn } from '../../wiring/pstn.ts';

/** usage.SpendChanged → calling's copy of the person's month total and cap (the guard's monthly cap, ADR 0021). */
export const handler = eventHandler(SpendChanged, { idempotency }).handler(async ({ data }) => {
  await recordMonthlySpend(pstn(), data);
});
