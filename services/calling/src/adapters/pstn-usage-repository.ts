import type { PstnUsageStore } from '../domain/toll-fraud.ts';
import type { PstnDayEntity } from './entities/pstn-day.ts';

/** Kept three days after the day ends: long enough for today's caps and a late-ending call, then DynamoDB's TTL removes it. */
const KEEP_SECONDS = 3 * 86_400;

/** The end of a UTC day (`YYYY-MM-DD`) plus the keep time, in epoch seconds (the TTL attribute). */
export const pstnDayExpiresAt = (day: string) =>
  Math.floor(Date.parse(`${day}T00:00:00.000Z`) / 1000) + 86_400 + KEEP_SECONDS;

/** PstnUsageStore on the calling table: one item per person and UTC day, counters added atomically. */
export function electroPstnUsage(db: { entities: { pstnDay: typeof PstnDayEntity } }): PstnUsageStore {
  const days = db.entities.pstnDay;
  return {
    async today(userId, day) {
      // consistent: a call that just ended counts against the next one
      const { data } = await days.get({ userId, day }).go({ consistent: true });
      return { seconds: data?.seconds ?? 0, spend: data?.spend ?? 0 };
    },
    async add(userId, day, usage) {
      // UpdateItem creates the day's item on its first call; ADD is atomic against a concurrent call ending
      await days
        .update({ userId, day })
        .add({ seconds: usage.seconds, spend: usage.spend })
        .set({ expiresAt: pstnDayExpiresAt(day) })
        .go({ response: 'none' });
    },
  };
}
