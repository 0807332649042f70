import { ATTENDEE_MINUTE, fromMicros } from '../../../shared/domain/src/prices.ts';

/**
 * AWS list prices `npm run cost` multiplies by, in USD. One table, each row with where it comes from
 * and when it was read. They are **US East (N. Virginia)** on-demand prices, the ones AWS publishes
 * first and every calculator starts from; Parley's default region, Europe (Frankfurt), lists most of
 * them 10–25 % higher (`--region-factor 1.25` covers that: docs/cost.md). Free tiers are left out of
 * the list-price total, except X-Ray's (noted on its row); the account's always-free allowances are
 * `ALWAYS_FREE` below, applied to a second total.
 */
export interface Price {
  usd: number;
  per: string;
  source: string;
  asOf: string;
}

const AS_OF = '2026-12-02';

export const PRICES = {
  dynamoWrite: {
    usd: 0.625 / 1e6,
    per: 'write request unit (on-demand; 1 KB; a transactional write is 2)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    asOf: AS_OF,
  },
  dynamoRead: {
    usd: 0.125 / 1e6,
    per: 'read request unit (on-demand; 4 KB strongly consistent, or two eventually consistent)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    asOf: AS_OF,
  },
  dynamoStorage: {
    usd: 0.25,
    per: 'GB-month stored (Standard table class)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    asOf: AS_OF,
  },
  lambdaRequest: {
    usd: 0.2 / 1e6,
    per: 'Lambda invocation',
    source: 'https://aws.amazon.com/lambda/pricing/',
    asOf: AS_OF,
  },
  lambdaGbSecond: {
    usd: 0.0000133334,
    per: 'GB-second on arm64 (first tier)',
    source: 'https://aws.amazon.com/lambda/pricing/',
    asOf: AS_OF,
  },
  httpApiRequest: {
    usd: 1.0 / 1e6,
    per: 'HTTP API request (first 300 million a month; 512 KB increments)',
    source: 'https://aws.amazon.com/api-gateway/pricing/',
    asOf: AS_OF,
  },
  webSocketMessage: {
    usd: 1.0 / 1e6,
    per: 'WebSocket message, either direction (first billion a month; 32 KB increments)',
    source: 'https://aws.amazon.com/api-gateway/pricing/',
    asOf: AS_OF,
  },
  webSocketConnectionMinute: {
    usd: 0.25 / 1e6,
    per: 'WebSocket connection minute',
    source: 'https://aws.amazon.com/api-gateway/pricing/',
    asOf: AS_OF,
  },
  eventBridgeEvent: {
    usd: 1.0 / 1e6,
    per: 'custom event published (64 KB chunks); delivery to Lambda targets is not charged',
    source: 'https://aws.amazon.com/eventbridge/pricing/',
    asOf: AS_OF,
  },
  eventBridgeArchiveGb: {
    usd: 0.1,
    per: 'GB of events archived (the platform archive keeps every event for replay)',
    source: 'https://aws.amazon.com/eventbridge/pricing/',
    asOf: AS_OF,
  },
  logsIngestGb: {
    usd: 0.5,
    per: 'GB of CloudWatch Logs ingested (standard class)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    asOf: AS_OF,
  },
  logsStorageGb: {
    usd: 0.03,
    per: 'GB-month of logs stored (30-day retention: about one month each)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    asOf: AS_OF,
  },
  xrayTrace: {
    usd: 5.0 / 1e6,
    per: 'X-Ray trace recorded (the first 100,000 a month are free, per account: not counted here)',
    source: 'https://aws.amazon.com/xray/pricing/',
    asOf: AS_OF,
  },
  s3Storage: {
    usd: 0.023,
    per: 'GB-month in S3 Standard',
    source: 'https://aws.amazon.com/s3/pricing/',
    asOf: AS_OF,
  },
  s3Put: { usd: 0.005 / 1000, per: 'S3 PUT, COPY or LIST', source: 'https://aws.amazon.com/s3/pricing/', asOf: AS_OF },
  s3Get: { usd: 0.0004 / 1000, per: 'S3 GET', source: 'https://aws.amazon.com/s3/pricing/', asOf: AS_OF },
  cloudFrontRequest: {
    usd: 0.01 / 10_000,
    per: 'CloudFront HTTPS request (Europe and North America)',
    source: 'https://aws.amazon.com/cloudfront/pricing/',
    asOf: AS_OF,
  },
  cloudFrontGb: {
    usd: 0.085,
    per: 'GB out of CloudFront (first 10 TB, Europe and North America)',
    source: 'https://aws.amazon.com/cloudfront/pricing/',
    asOf: AS_OF,
  },
  alarmMonth: {
    usd: 0.1,
    per: 'standard-resolution CloudWatch alarm, a month (p99 alarms included)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    asOf: AS_OF,
  },
  customMetricMonth: {
    usd: 0.3,
    per: 'custom CloudWatch metric (a name and its dimensions) a month (first 10,000; prorated by the hours it is published in: counted as every hour)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    asOf: AS_OF,
  },
  dashboardMonth: {
    usd: 3.0,
    per: 'CloudWatch dashboard, a month (beyond the account’s 3 free; counted as paid)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    asOf: AS_OF,
  },
  chimeAttendeeMinute: {
    // the usage ledger's own row (shared/domain/src/prices.ts), so the two never disagree
    usd: fromMicros(ATTENDEE_MINUTE.unitPriceMicros),
    per: 'Chime SDK meeting attendee-minute (a standard session: audio, video and screen share at one rate; billed in 0.1 minute from join to leave)',
    source: ATTENDEE_MINUTE.source,
    asOf: ATTENDEE_MINUTE.asOf,
  },
  secretMonth: {
    usd: 0.4,
    per: 'Secrets Manager secret, a month (the origin-verify secret)',
    source: 'https://aws.amazon.com/secrets-manager/pricing/',
    asOf: AS_OF,
  },
} as const satisfies Record<string, Price>;

export type PriceKey = keyof typeof PRICES;

/**
 * An always-free allowance: per account, per month, never expiring (not the 12-month offers), as a
 * quantity of the unit of `PRICES[price]`.
 */
export interface FreeAllowance {
  price: PriceKey;
  quantity: number;
  per: string;
  source: string;
  asOf: string;
}

const FREE_TIER_SOURCE = 'https://aws.amazon.com/free/ (Always free offers)';

/**
 * AWS's always-free tier for the prices the model bills. API Gateway's and S3's free offers last 12
 * months from sign-up and are left out; DynamoDB's 25 GB is listed though the model bills no storage.
 * X-Ray's allowance is already in the list-price total (`costPerUser`); the others only in the total
 * "with the account's always-free tier" (`withFreeTier`), which assumes Parley is the account's only user of them.
 */
export const ALWAYS_FREE = {
  lambdaRequest: {
    price: 'lambdaRequest',
    quantity: 1_000_000,
    per: 'Lambda requests a month',
    source: FREE_TIER_SOURCE,
    asOf: AS_OF,
  },
  lambdaGbSecond: {
    price: 'lambdaGbSecond',
    quantity: 400_000,
    per: 'GB-seconds of Lambda compute a month',
    source: FREE_TIER_SOURCE,
    asOf: AS_OF,
  },
  alarmMonth: {
    price: 'alarmMonth',
    quantity: 10,
    per: 'CloudWatch alarm metrics (standard resolution) a month',
    source: FREE_TIER_SOURCE,
    asOf: AS_OF,
  },
  customMetricMonth: {
    price: 'customMetricMonth',
    quantity: 10,
    per: 'custom CloudWatch metrics a month',
    source: FREE_TIER_SOURCE,
    asOf: AS_OF,
  },
  dashboardMonth: {
    price: 'dashboardMonth',
    quantity: 3,
    per: 'CloudWatch dashboards (up to 50 metrics each) a month',
    source: FREE_TIER_SOURCE,
    asOf: AS_OF,
  },
  logsIngestGb: {
    price: 'logsIngestGb',
    quantity: 5,
    per: 'GB of CloudWatch Logs ingested a month',
    source: FREE_TIER_SOURCE,
    asOf: AS_OF,
  },
  cloudFrontGb: {
    price: 'cloudFrontGb',
    quantity: 1024,
    per: 'GB (1 TB) out of CloudFront a month',
    source: FREE_TIER_SOURCE,
    asOf: AS_OF,
  },
  cloudFrontRequest: {
    price: 'cloudFrontRequest',
    quantity: 10_000_000,
    per: 'CloudFront HTTP or HTTPS requests a month',
    source: FREE_TIER_SOURCE,
    asOf: AS_OF,
  },
  xrayTrace: {
    price: 'xrayTrace',
    quantity: 100_000,
    per: 'X-Ray traces recorded a month (already in the list-price total)',
    source: 'https://aws.amazon.com/xray/pricing/',
    asOf: AS_OF,
  },
  dynamoStorage: {
    price: 'dynamoStorage',
    quantity: 25,
    per: 'GB-month of DynamoDB storage (the model bills no storage)',
    source: FREE_TIER_SOURCE,
    asOf: AS_OF,
  },
} as const satisfies Record<string, FreeAllowance>;

export type FreeKey = keyof typeof ALWAYS_FREE;
