import * as z from 'zod';
import { defineEvent } from './define-event.ts';
import { Id } from './ids.ts';

/**
 * The usage ledger's vocabulary (ADR 0021). Every service that does something billable publishes its
 * own `<service>.UsageRecorded` whose data is built from `usageLineFields`, so one consumer reads
 * them all alike; `services/usage` is the ledger, and publishes `usage.SpendChanged` when a person's
 * month total moves (calling's toll-fraud guard projects it to enforce the monthly cap).
 *
 * Money is integer micro-USD (`amountMicros`, 1 USD = 1 000 000): the publisher rounds the line once,
 * the ledger only adds integers, so no float drift across thousands of lines. `unitPrice` stays a
 * USD number for display (a second of a phone call is a fraction of a micro-USD).
 *
 * Not every export is an event: catalog.ts lists `SpendChanged` by name.
 */

/** A calendar month, `YYYY-MM` (UTC). */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM');

const Country = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 country code');

/**
 * The fields every `UsageRecorded` carries: who is charged, for what, how much of it, at what price.
 * `feature` names what was used (`pstn-out`, `pstn-in`, `pstn-forward`, `app-call`, `sms`,
 * `number-month`, `voicemail-storage`); `country` and `direction` where the price depends on them.
 */
export const usageLineFields = {
  usageId: Id,
  userId: Id,
  feature: z.string().min(1).max(40),
  quantity: z.number().int().nonnegative(),
  unit: z.string().min(1).max(40),
  /** USD per `unit`, as priced (for display; the amount is `amountMicros`) */
  unitPrice: z.number().nonnegative(),
  currency: z.enum(['USD']),
  at: z.iso.datetime(),
  /** quantity × unitPrice in integer micro-USD, rounded half up once, by the publisher */
  amountMicros: z.number().int().nonnegative(),
  country: Country.optional(),
  direction: z.enum(['outbound', 'inbound']).optional(),
};

/** The shared shape, for consumers that read any `UsageRecorded` alike. */
export const UsageLine = z.object(usageLineFields);
export type UsageLine = z.infer<typeof UsageLine>;

export const SpendChanged = defineEvent({
  source: 'parley.usage',
  detailType: 'usage.SpendChanged',
  version: 1,
  description:
    "A person's spend this month changed (a new line reached the ledger): the month's total and the person's monthly cap, both in integer micro-USD. Calling's toll-fraud guard refuses new phone calls once `amountMicros` reaches `capMicros`. No audience.",
  data: z.object({
    userId: Id,
    month: Month,
    amountMicros: z.number().int().nonnegative(),
    capMicros: z.number().int().nonnegative(),
    changedAt: z.iso.datetime(),
  }),
});
