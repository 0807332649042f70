/**
 * The monthly spend cap (ADR 0021): the usage ledger sums everything a person used this month and
 * publishes `usage.SpendChanged {userId, month, amountMicros, capMicros}`; calling keeps the latest
 * total per person and month, and the toll-fraud guard refuses new phone calls once it reaches the cap.
 */

/** What the ledger last said of one person's month, in integer micro-USD. */
export interface MonthSpend {
  amountMicros: number;
  capMicros: number;
}

/** Port: the guard's read of the projection. */
export interface MonthlySpend {
  monthSpend(userId: string, month: string): Promise<MonthSpend | undefined>;
}

/** Port: the projection's write (keeps the largest total of a month). */
export interface SpendProjection {
  project(spend: {
    userId: string;
    month: string;
    amountMicros: number;
    capMicros: number;
    changedAt: string;
  }): Promise<void>;
}

/** `usage.SpendChanged` → the projection. */
export async function recordMonthlySpend(
  deps: { spend: SpendProjection },
  input: { userId: string; month: string; amountMicros: number; capMicros: number; changedAt: string },
): Promise<void> {
  await deps.spend.project(input);
}

/** The UTC month (`YYYY-MM`) of an instant, the key of the projection. */
export function utcMonth(at: Date | string): string {
  return new Date(at).toISOString().slice(0, 7);
}
