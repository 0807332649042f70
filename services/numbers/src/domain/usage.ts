import * as events from '@parley/events/numbers';
import type { CarrierSource, Clock, EventSink, NumberRepository, UsageLedger } from './ports.ts';

export interface UsageDeps {
  numbers: NumberRepository;
  carriers: CarrierSource;
  usage: UsageLedger;
  events: EventSink;
  clock: Clock;
}

/** `2026-12` for any moment of December 2026 (UTC). */
export const periodOf = (at: Date) => at.toISOString().slice(0, 7);

/**
 * Records one month of every assigned number, once per number and month (the schedule may run as
 * often as it likes). The event id is derived from number and month, so a run that published and
 * then failed to note it publishes the same event again, which consumers drop as a duplicate.
 * A number without a configured price is skipped and reported, never charged at a guess.
 */
export async function recordMonthlyUsage(
  deps: UsageDeps,
): Promise<{ period: string; recorded: number; unpriced: string[] }> {
  const now = deps.clock.now();
  const period = periodOf(now);
  const [numbers, config] = await Promise.all([deps.numbers.list(), deps.carriers.config()]);
  let recorded = 0;
  const unpriced: string[] = [];
  for (const number of numbers) {
    if (number.state !== 'assigned' || !number.assignedTo) continue;
    if (await deps.usage.has(number.e164, period)) continue;
    const price = config.prices.find((p) => p.country === number.country && p.carrier === number.carrier);
    if (!price) {
      unpriced.push(number.e164);
      continue;
    }
    const usageId = `${number.e164.slice(1)}-${period}`;
    await deps.events.publish(
      events.UsageRecorded,
      {
        usageId,
        feature: 'number-month',
        e164: number.e164,
        userId: number.assignedTo.userId,
        quantity: 1,
        unit: 'number-month',
        unitPrice: price.monthly,
        currency: price.currency,
        period,
        at: now.toISOString(),
      },
      { eventId: `usage-${usageId}` },
    );
    await deps.usage.mark(number.e164, period, now.toISOString());
    recorded += 1;
  }
  return { period, recorded, unpriced };
}
