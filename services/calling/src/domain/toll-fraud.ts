import { DomainError } from '@parley/domain/errors';
import { type MonthlySpend, utcMonth } from './monthly-spend.ts';
import { parseNumber, type Rate, rateFor, satelliteCode } from './rates.ts';

/**
 * The toll-fraud guard: every number Parley dials (an outbound call, a forward) passes it first, and
 * nothing it refuses is dialled. International revenue-share fraud pumps minutes to premium,
 * satellite and far-away numbers from a stolen account, so the guard refuses those ranges, dials
 * only the countries people of the organisation call, and caps each person's minutes and spend per
 * UTC day, and their spend per month (the usage ledger's total of everything they used, ADR 0021).
 * The caps are checked when a call is placed: the caller ends a call when the minutes the
 * guard granted (`remainingMinutesToday`) run out.
 */

export const REFUSAL_REASONS = [
  'premium_rate',
  'satellite',
  'country_not_allowed',
  'daily_minutes_cap',
  'daily_spend_cap',
  'monthly_spend_cap',
  'not_dialable',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Per person and UTC day. Overridden by the stage's configuration (`deps.limits`). */
export const PSTN_LIMITS = { dailyMinutes: 120, dailySpendUsd: 10 } as const;
export type PstnLimits = { dailyMinutes: number; dailySpendUsd: number };

/**
 * The countries Parley dials (ISO 3166 alpha-2): where the organisation is (PA, SG, CH) and where its
 * people plausibly call: the EU and EFTA, the UK, the US and Canada (with Puerto Rico), Latin America,
 * ASEAN, Australia and New Zealand, Japan, Korea, India, China, Hong Kong, Taiwan.
 * Left out on purpose, as the classic revenue-share destinations: the Crown Dependencies (GG, JE, IM:
 * +44 numbers outside the UK), the NANP Caribbean (+1 809/876/268/473…, "one-ring" scams: DO included),
 * Cuba, and micro-states whose ranges are sub-let (MC, AD, SM, VA). Add a country here, with its price
 * in rate-table.ts, when someone needs it.
 */
export const ALLOWED_COUNTRIES: ReadonlySet<string> = new Set(
  [
    'PA SG CH',
    'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE', // EU
    'IS LI NO GB', // EFTA (with CH) and the UK
    'US CA PR',
    'MX GT BZ SV HN NI CR CO VE EC PE BO BR PY UY AR CL', // Latin America (PA above)
    'MY TH ID PH VN BN KH LA MM', // ASEAN (SG above)
    'AU NZ JP KR IN CN HK TW',
  ]
    .join(' ')
    .split(' '),
);

/**
 * Premium and revenue-share ranges refused by prefix, whatever libphonenumber makes of the number:
 * its metadata lags new ranges, and a number it calls invalid may still be dialable at a carrier.
 */
export const BLOCKED_PREFIXES: readonly string[] = [
  '+1900', // NANP premium
  '+1976', // NANP pay-per-call (legacy)
  '+4190', // CH 090x premium
  '+4184', // CH 084x shared cost
  '+651900', // SG 1900 premium
  '+507855', // PA premium
  '+507900', // PA premium
  '+449', // UK 09 premium
  '+4487', // UK 087 revenue-share
  '+4470', // UK 070 "personal numbers"
  '+49900', // DE premium
  '+49137', // DE mass calling / televoting
  '+3389', // FR 089 premium
  '+3989', // IT 89x premium
  '+34803', // ES premium
  '+34806',
  '+34807',
  '+34905', // ES mass calling
  '+43900', // AT premium
  '+43930',
  '+43939',
  '+31900', // NL premium
  '+31906',
  '+31909',
  '+979', // international premium rate
  '+808', // international shared cost
];

/** libphonenumber types refused as premium: premium rate, shared cost, and personal numbers (UK 070). */
const PREMIUM_TYPES = new Set(['PREMIUM_RATE', 'SHARED_COST', 'PERSONAL_NUMBER']);

/** Port: each person's phone-call usage per UTC day (`YYYY-MM-DD`). */
export interface PstnUsageStore {
  today(userId: string, day: string): Promise<{ seconds: number; spend: number }>;
  /** Adds atomically to the day's counters (creates them on the first call of the day). */
  add(userId: string, day: string, usage: { seconds: number; spend: number }): Promise<void>;
}

/** Port: the clock (the same shape as `Clock` in ports.ts, declared here so errors.ts may re-export this module without a cycle). */
export interface Clock {
  now(): Date;
}

export interface TollFraudDeps {
  usage: PstnUsageStore;
  /** the person's month total and cap, as the usage ledger last published them */
  spend: MonthlySpend;
  clock: Clock;
  limits?: Partial<PstnLimits>;
}

/** A number the guard refused. `reason` is the API's `details` reason. */
export class CallNotAllowed extends DomainError {
  override readonly name = 'CallNotAllowed';
  readonly reason: RefusalReason;

  constructor(reason: RefusalReason, message: string) {
    super(message, [{ reason }]);
    this.reason = reason;
  }
}

/** The quote of `GET /calling/quote`. */
export interface Quote extends Rate {
  to: string;
  allowed: boolean;
  reason?: RefusalReason;
  message?: string;
  remainingMinutesToday: number;
}

/** A rate the guard allows, with the minutes the caller may talk before the caps are reached. */
export type DialableRate = Rate & { remainingMinutesToday: number };

/** The UTC day of an instant, the key of the daily counters. */
export function utcDay(at: Date | string): string {
  return new Date(at).toISOString().slice(0, 10);
}

/**
 * Why `e164` may never be dialled, whoever dials it and however much they have used (no caps): a
 * forward number is checked with this too. Undefined when the destination is allowed.
 */
export function destinationRefusal(e164: string): RefusalReason | undefined {
  if (!/^\+[1-9]/.test(e164)) return 'not_dialable';
  const dialled = `+${e164.replace(/\D/g, '')}`;
  if (BLOCKED_PREFIXES.some((prefix) => dialled.startsWith(prefix))) return 'premium_rate';
  if (satelliteCode(dialled)) return 'satellite';
  const parsed = parseNumber(dialled);
  if (!parsed?.valid) return 'not_dialable';
  if (!parsed.country) return 'satellite'; // the other non-geographic networks (+800, +878, +888…)
  if (parsed.libType && PREMIUM_TYPES.has(parsed.libType)) return 'premium_rate';
  if (!ALLOWED_COUNTRIES.has(parsed.country)) return 'country_not_allowed';
  return undefined;
}

/**
 * Throws CallNotAllowed when `e164` may never be dialled (destination rules only, no caps): for a
 * number that is stored to be dialled later, such as a forward number. The dial itself still passes
 * `assertDialable`, caps included.
 */
export function assertDestinationAllowed(e164: string): void {
  const reason = destinationRefusal(e164);
  if (reason) throw new CallNotAllowed(reason, messageFor(reason, e164, rateFor(e164), PSTN_LIMITS));
}

/** What a call to `to` costs, whether `userId` may place it now, and how many minutes are left today. */
export async function quote(deps: TollFraudDeps, input: { userId: string; to: string }): Promise<Quote> {
  const limits: PstnLimits = {
    dailyMinutes: deps.limits?.dailyMinutes ?? PSTN_LIMITS.dailyMinutes,
    dailySpendUsd: deps.limits?.dailySpendUsd ?? PSTN_LIMITS.dailySpendUsd,
  };
  const rate = rateFor(input.to);
  const now = deps.clock.now();
  const [used, month] = await Promise.all([
    deps.usage.today(input.userId, utcDay(now)),
    deps.spend.monthSpend(input.userId, utcMonth(now)),
  ]);
  const minutesLeft = Math.max(0, Math.floor((limits.dailyMinutes * 60 - used.seconds) / 60));
  const spendLeft = Math.max(0, limits.dailySpendUsd - used.spend);
  // a hair of tolerance, so 0.3 USD left at 0.1 USD/min is 3 minutes, not 2.9999
  const minutesFor = (usd: number) =>
    rate.ratePerMinute > 0 ? Math.floor(usd / rate.ratePerMinute + 1e-9) : minutesLeft;
  const affordable = minutesFor(spendLeft);
  // the month's cap: what the ledger says is left (no total yet: nothing used this month)
  const monthLeft = month ? Math.max(0, month.capMicros - month.amountMicros) / 1_000_000 : undefined;
  const affordableThisMonth = monthLeft === undefined ? minutesLeft : minutesFor(monthLeft);
  const remainingMinutesToday = Math.min(minutesLeft, affordable, affordableThisMonth);
  const to = parseNumber(input.to)?.e164 ?? input.to;

  const reason =
    destinationRefusal(input.to) ??
    (affordableThisMonth < 1 && monthLeft !== undefined
      ? 'monthly_spend_cap'
      : minutesLeft < 1
        ? 'daily_minutes_cap'
        : affordable < 1
          ? 'daily_spend_cap'
          : undefined);
  if (!reason) return { to, ...rate, allowed: true, remainingMinutesToday };
  return {
    to,
    ...rate,
    allowed: false,
    reason,
    message: messageFor(reason, input.to, rate, limits, month?.capMicros),
    remainingMinutesToday,
  };
}

/** The rate of a call `userId` may place to `to` now; throws CallNotAllowed otherwise. Dials nothing. */
export async function assertDialable(
  deps: TollFraudDeps,
  input: { userId: string; to: string },
): Promise<DialableRate> {
  const { to: _to, allowed, reason, message, ...rate } = await quote(deps, input);
  if (!allowed) throw new CallNotAllowed(reason ?? 'not_dialable', message ?? 'This number cannot be called.');
  return rate;
}

/**
 * Adds an ended phone call to the caller's counters of the UTC day it ended on (`at`, ISO-8601):
 * the seconds it lasted and its cost (`costOf` of rates.ts). A call with nothing to add writes nothing.
 */
export async function recordPstnUsage(
  deps: { usage: PstnUsageStore },
  input: { userId: string; at: string; seconds: number; amount: number },
): Promise<void> {
  if (input.seconds <= 0 && input.amount <= 0) return;
  await deps.usage.add(input.userId, utcDay(input.at), { seconds: input.seconds, spend: input.amount });
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

function messageFor(reason: RefusalReason, to: string, rate: Rate, limits: PstnLimits, capMicros?: number): string {
  switch (reason) {
    case 'premium_rate':
      return "Premium-rate and shared-cost numbers can't be called from Parley.";
    case 'satellite':
      return "Satellite and international network numbers can't be called from Parley.";
    case 'country_not_allowed':
      return `Calls to ${rate.country ? (regionNames.of(rate.country) ?? rate.country) : 'this country'} aren't enabled for your organisation.`;
    case 'daily_minutes_cap':
      return `You've used today's ${limits.dailyMinutes} minutes of phone calls. The limit resets at midnight UTC.`;
    case 'daily_spend_cap':
      return `You've reached today's phone-call spending limit of ${limits.dailySpendUsd.toFixed(2)} USD. It resets at midnight UTC.`;
    case 'monthly_spend_cap':
      return `You've reached this month's spending limit of ${((capMicros ?? 0) / 1_000_000).toFixed(2)} USD. It resets on the 1st (UTC).`;
    case 'not_dialable':
      return `${to} isn't a phone number that can be dialled.`;
  }
}
