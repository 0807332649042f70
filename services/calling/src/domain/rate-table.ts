/**
 * The phone-call price list: what a minute costs Parley, in USD, by destination (outbound) and by
 * the country of the Parley number that was called (inbound). The figures are carrier list prices
 * rounded to the cent's tenth (Chime SDK PSTN Audio for US/CA/CH, the SIP-trunk carrier for PA/SG);
 * they feed the quote and the ledger, and are reviewed when a carrier changes its prices. Each row
 * says where its figure comes from (`source`) and when it was read (`asOf`), like the ledger's
 * price table (shared/domain/src/prices.ts), so a reviewer checks a row against its page.
 *
 * Billing increments `{firstSeconds, nextSeconds}`: the first increment is charged in full as soon
 * as the far end answers, then every started `nextSeconds`. Carriers differ:
 * - 60/60 (per started minute) is what most international wholesale routes bill, and it is the
 *   conservative choice: a quote never promises less than the carrier will charge.
 * - 60/1 for Switzerland: Swiss carriers bill a minimum minute, then by the second.
 * - 6/6 for the US and Canada: the NANP wholesale norm (and what Chime's per-minute price amounts to
 *   at this precision).
 */

export interface Billing {
  /** charged in full once the call is answered */
  firstSeconds: number;
  /** each started increment after the first */
  nextSeconds: number;
}

export interface RateRow {
  ratePerMinute: number;
  billing: Billing;
  /** the carrier's price page, contract or estimate the figure is read from */
  source: string;
  /** when the figure was read, `YYYY-MM-DD` */
  asOf: string;
}

const perMinute: Billing = { firstSeconds: 60, nextSeconds: 60 };
const swiss: Billing = { firstSeconds: 60, nextSeconds: 1 };
const nanp: Billing = { firstSeconds: 6, nextSeconds: 6 };

/** Where the figures come from. */
const CHIME = 'https://aws.amazon.com/chime/chime-sdk/pricing/ (PSTN Audio, per minute by country)';
const TRUNK = 'the SIP-trunk carrier contract (per-minute schedule, PA and SG)';
const ESTIMATE =
  "Parley's estimate: at or above the dearest listed rate of the countries it covers, so a quote never under-prices";
const AS_OF = '2026-11-02';

const row = (ratePerMinute: number, source: string, billing: Billing = perMinute): RateRow => ({
  ratePerMinute,
  billing,
  source,
  asOf: AS_OF,
});

/** Outbound by country (ISO 3166 alpha-2): fixed lines and mobiles. */
export const COUNTRY_RATES: Readonly<Record<string, { fixed: RateRow; mobile: RateRow }>> = {
  PA: { fixed: row(0.035, TRUNK), mobile: row(0.12, TRUNK) },
  SG: { fixed: row(0.012, TRUNK), mobile: row(0.018, TRUNK) },
  CH: { fixed: row(0.02, CHIME, swiss), mobile: row(0.14, CHIME, swiss) },
  US: { fixed: row(0.004, CHIME, nanp), mobile: row(0.004, CHIME, nanp) },
  CA: { fixed: row(0.006, CHIME, nanp), mobile: row(0.006, CHIME, nanp) },
  GB: { fixed: row(0.012, CHIME), mobile: row(0.035, CHIME) },
  DE: { fixed: row(0.015, CHIME), mobile: row(0.06, CHIME) },
  FR: { fixed: row(0.015, CHIME), mobile: row(0.05, CHIME) },
};

/** Outbound by region, for countries without a row of their own. */
export const REGION_RATES: Readonly<Record<Region, { fixed: RateRow; mobile: RateRow }>> = {
  europe: { fixed: row(0.03, ESTIMATE), mobile: row(0.12, ESTIMATE) },
  'north-america': { fixed: row(0.01, ESTIMATE), mobile: row(0.01, ESTIMATE) },
  'latin-america': { fixed: row(0.08, ESTIMATE), mobile: row(0.2, ESTIMATE) },
  'asia-pacific': { fixed: row(0.05, ESTIMATE), mobile: row(0.1, ESTIMATE) },
};

/** Everywhere else (the default row). */
export const WORLD_RATE: { fixed: RateRow; mobile: RateRow } = {
  fixed: row(0.25, ESTIMATE),
  mobile: row(0.35, ESTIMATE),
};

/**
 * Premium-rate and satellite routes: never dialled (the toll-fraud guard refuses them), priced here
 * only so a refused quote still shows what such a minute would cost.
 */
export const PREMIUM_RATE: RateRow = row(2.5, ESTIMATE);
export const SATELLITE_RATE: RateRow = row(9.5, ESTIMATE);

export type Region = 'europe' | 'north-america' | 'latin-america' | 'asia-pacific';

/** Which region prices a country that has no row of its own. */
export const REGION_OF: Readonly<Record<string, Region>> = Object.fromEntries([
  ...'AT BE BG HR CY CZ DK EE FI GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO GB'
    .split(' ')
    .map((c) => [c, 'europe'] as const),
  ...['US', 'CA', 'PR'].map((c) => [c, 'north-america'] as const),
  ...'MX GT BZ SV HN NI CR PA CO VE EC PE BO BR PY UY AR CL'.split(' ').map((c) => [c, 'latin-america'] as const),
  ...'SG MY TH ID PH VN BN KH LA MM AU NZ JP KR IN CN HK TW'.split(' ').map((c) => [c, 'asia-pacific'] as const),
]);

/** Inbound: what a minute of a call to a Parley number costs, by the number's country. */
export const INBOUND_RATES: Readonly<Record<string, RateRow>> = {
  US: row(0.0022, CHIME, nanp),
  CA: row(0.0022, CHIME, nanp),
  CH: row(0.006, CHIME, swiss),
  PA: row(0.01, TRUNK),
  SG: row(0.008, TRUNK),
};

/** Inbound to a number of a country without a row (a carrier's DID elsewhere). */
export const INBOUND_DEFAULT: RateRow = row(0.012, ESTIMATE);
