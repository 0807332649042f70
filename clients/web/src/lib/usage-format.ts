/** Formatting for the Usage page: money from integer micro-USD, months, and days. */

/** The UTC month (`YYYY-MM`) of an instant, as the ledger keys it. */
export function monthOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** The month before or after `month` (`YYYY-MM`). */
export function shiftMonth(month: string, by: number): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, mon - 1 + by, 1)).toISOString().slice(0, 7);
}

/** "December 2026" in the reader's language. */
export function monthLabel(month: string, locale: string): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, mon - 1, 1)),
  );
}

/** The day of the month of `YYYY-MM-DD` (the chart's axis). */
export function dayOfMonth(day: string): number {
  return Number(day.slice(8, 10));
}

/** Every day of `month`, `YYYY-MM-DD`, for a chart with a bar (maybe empty) per day. */
export function daysOf(month: string): string[] {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const count = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/**
 * USD from integer micro-USD in the reader's format: two decimals, or up to four for amounts under
 * a cent (a short SMS, a minute of a meeting), so nothing that cost something reads as 0.00.
 */
export function formatMoney(micros: number, locale: string): string {
  const usd = micros / 1_000_000;
  const small = micros > 0 && micros < 10_000;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: small ? 4 : 2,
  }).format(usd);
}

/** A quantity with its unit, in the reader's number format (seconds as minutes and seconds). */
export function formatQuantity(quantity: number, unit: string, locale: string): { value: string; unit: string } {
  const n = new Intl.NumberFormat(locale);
  if (unit === 'second') {
    const minutes = Math.floor(quantity / 60);
    const seconds = quantity % 60;
    return {
      value: seconds ? `${n.format(minutes)}:${String(seconds).padStart(2, '0')}` : n.format(minutes),
      unit: 'minute',
    };
  }
  return { value: n.format(quantity), unit };
}
