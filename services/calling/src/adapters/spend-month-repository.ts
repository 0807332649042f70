import type { MonthlySpend, SpendProjection } from '../domain/monthly-spend.ts';
import type { SpendMonthEntity } from './entities/spend-month.ts';
import { isConditionFailure } from './table.ts';

/** Kept 40 days after its month starts' next month: long enough for a late call, then DynamoDB's TTL removes it. */
const KEEP_SECONDS = 40 * 86_400;

/** The first instant after `month` (`YYYY-MM`) plus the keep time, in epoch seconds (the TTL attribute). */
export function spendMonthExpiresAt(month: string): number {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return Math.floor(Date.UTC(year, mon, 1) / 1000) + KEEP_SECONDS;
}

/** The usage ledger's monthly totals on the calling table: read by the guard, written by `onSpendChanged`. */
export function electroMonthlySpend(db: {
  entities: { spendMonth: typeof SpendMonthEntity };
}): MonthlySpend & SpendProjection {
  const months = db.entities.spendMonth;
  return {
    async monthSpend(userId, month) {
      const { data } = await months.get({ userId, month }).go({ consistent: true });
      return data ? { amountMicros: data.amountMicros, capMicros: data.capMicros } : undefined;
    },
    async project(spend) {
      try {
        await months
          .update({ userId: spend.userId, month: spend.month })
          .set({
            amountMicros: spend.amountMicros,
            capMicros: spend.capMicros,
            changedAt: spend.changedAt,
            expiresAt: spendMonthExpiresAt(spend.month),
          })
          // a month's total only grows: an older (smaller) total arriving late changes nothing
          .where(
            ({ amountMicros }, { notExists, lte }) =>
              `${notExists(amountMicros)} OR ${lte(amountMicros, spend.amountMicros)}`,
          )
          .go({ response: 'none' });
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
    },
  };
}
