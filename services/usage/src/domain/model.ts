/**
 * The ledger's model (ADR 0021). A line is one `UsageRecorded`, keyed by the event's id: what was
 * used, by whom, when, and what it cost in integer micro-USD. Every report is a sum of lines.
 */
export interface LedgerLine {
  /** the event's `metadata.eventId`: the line's identity (a redelivery is the same line) */
  eventId: string;
  /** the service that published it (`calling`, `notifications`, `numbers`) */
  source: string;
  usageId: string;
  userId: string;
  /** `YYYY-MM` of `at` (UTC) */
  month: string;
  /** `YYYY-MM-DD` of `at` (UTC) */
  day: string;
  at: string;
  feature: string;
  quantity: number;
  unit: string;
  unitPrice: number;
  amountMicros: number;
  country?: string;
  direction?: 'outbound' | 'inbound';
  /** what the line is about: a call id, a phone number, a provider's message id */
  ref?: string;
}

/** The caller, from the authorizer's context. */
export interface Caller {
  userId: string;
  roles: string[];
}

export const GROUP_BY = ['user', 'country', 'feature'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** The calendar month (UTC) of an instant. */
export function monthOf(at: Date | string): string {
  return new Date(at).toISOString().slice(0, 7);
}

/** The UTC day of an instant. */
export function dayOf(at: Date | string): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Integer micro-USD as a decimal string of USD with six places (exact: no float on the way). */
export function microsToDecimal(micros: number): string {
  const sign = micros < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(micros));
  const whole = Math.floor(abs / 1_000_000);
  const fraction = String(abs % 1_000_000).padStart(6, '0');
  return `${sign}${whole}.${fraction}`;
}
