import { PRICES, type PriceKey } from './cost-prices.ts';

/**
 * What one occurrence of an operation consumes on AWS. DynamoDB figures are request units (what
 * on-demand bills), derived from the requests the messaging benchmark counts per operation
 * (docs/benchmarks.md) and the size of the items they touch; Lambda figures are the function's memory
 * and an assumed warm duration on arm64 (docs/cost.md says which, and why).
 */
export interface Usage {
  wru?: number;
  rru?: number;
  /** one entry per invocation; `share` < 1 for one that happens only sometimes (the cached authorizer) */
  invocations?: { memoryMb: number; ms: number; share?: number }[];
  httpRequests?: number;
  /** both directions: a frame to each device, a client action in */
  wsMessages?: number;
  events?: number;
  connectionMinutes?: number;
  /** CloudWatch Logs ingested, KB (Lambda's START/END/REPORT lines and ours) */
  logKb?: number;
  /** requests that start a trace (HTTP and WebSocket routes, schedules) */
  traceRoots?: number;
  s3Puts?: number;
  s3Gets?: number;
  /** GB-months that a month of this operation leaves stored (attachments) */
  s3GbMonths?: number;
  cloudFrontRequests?: number;
  cloudFrontGb?: number;
}

/** How an active chat user uses Parley in a month (docs/cost.md, "Usage profile"). */
export interface Profile {
  workdays: number;
  onlineHoursPerDay: number;
  messagesPerDay: number;
  /** people in the average conversation a message goes to, the sender included */
  membersPerConversation: number;
  /** people who see my presence (contacts and conversation partners) */
  presenceAudience: number;
  presenceChangesPerDay: number;
  readMarkersPerDay: number;
  typingPerDay: number;
  conversationListLoadsPerDay: number;
  historyPagesPerDay: number;
  attachmentsPerDay: number;
  attachmentKb: number;
  appLoadsPerDay: number;
  /** the client pings every 4 minutes (clients/web/src/lib/realtime-client.ts) */
  pingEveryMinutes: number;
  /** API Gateway closes a socket after 2 h; the client reconnects before */
  reconnectEveryHours: number;
}

export const DEFAULT_PROFILE: Profile = {
  workdays: 21,
  onlineHoursPerDay: 8,
  messagesPerDay: 30,
  membersPerConversation: 3,
  presenceAudience: 20,
  presenceChangesPerDay: 4,
  readMarkersPerDay: 20,
  typingPerDay: 30,
  conversationListLoadsPerDay: 5,
  historyPagesPerDay: 5,
  attachmentsPerDay: 1,
  attachmentKb: 300,
  appLoadsPerDay: 3,
  pingEveryMinutes: 4,
  reconnectEveryHours: 2,
};

/** DynamoDB requests by operation for one message, as `npm run bench:messaging` counts them. */
export interface MeasuredSend {
  /** messaging's requests per message at the measured group size, and that size */
  messagingRequests: number;
  notificationsRequests: number;
  identityRequests: number;
  groupSize: number;
}

/** The last measured figures (docs/benchmarks.md, 2026-11-22, groups of 10, plus the rate limiter). */
export const MEASURED_SEND: MeasuredSend = {
  messagingRequests: 17,
  notificationsRequests: 3,
  identityRequests: 0.5,
  groupSize: 10,
};

const HTTP = { memoryMb: 512, ms: 60 };
const AUTHORIZER = { memoryMb: 256, ms: 8 };
const FAN_OUT = { memoryMb: 1024, ms: 40 };
const WS_ROUTE = { memoryMb: 256, ms: 15 };
/** a Lambda invocation's START, END and REPORT lines, about 0.35 KB, plus ~3 JSON lines of ours */
const LOG_KB_PER_INVOCATION = 1.5;
/** HTTP API caches the authorizer's answer 60 s per token: about one request in two invokes it */
const AUTHORIZER_SHARE = 0.5;

/**
 * The operations of one month of `profile`, each with its usage per occurrence and how often it
 * happens. `send` scales messaging's per-member inbox writes with the conversation's size: of the
 * measured requests, `groupSize` are one UpdateItem per member and the rest are fixed (ADR-noted in
 * docs/cost.md); every write is ≤ 1 KB, the storing transaction's three items count twice.
 */
export function monthOf(profile: Profile, measured: MeasuredSend = MEASURED_SEND) {
  const m = profile.membersPerConversation;
  const days = profile.workdays;
  const onlineMinutes = days * profile.onlineHoursPerDay * 60;
  const fixedMessagingWrites = measured.messagingRequests - measured.groupSize - 1; // minus inbox writes and the GetItem
  const transactionExtra = 3; // TransactWriteItems of 3 items: 6 WRU for one request
  const http = (n = 1): Usage => ({
    httpRequests: n,
    invocations: [
      { ...HTTP, share: n },
      { ...AUTHORIZER, share: n * AUTHORIZER_SHARE },
    ],
    rru: n * measured.identityRequests * AUTHORIZER_SHARE,
    logKb: n * LOG_KB_PER_INVOCATION * (1 + AUTHORIZER_SHARE),
    traceRoots: n,
  });
  const fanOut = (audience: number): Usage => ({
    wru: Math.max(0, measured.notificationsRequests - 1),
    rru: 0.5 * audience,
    invocations: [FAN_OUT],
    wsMessages: audience,
    events: 1,
    logKb: LOG_KB_PER_INVOCATION,
  });
  const ops: { name: string; times: number; usage: Usage[] }[] = [
    {
      name: 'send a message',
      times: days * profile.messagesPerDay,
      usage: [http(), { wru: fixedMessagingWrites + transactionExtra + m, rru: 1 }, fanOut(m)],
    },
    {
      // ADR 0019: the message's word prefixes (~35) and its manifest, written off the send path
      name: 'index a message for search',
      times: days * profile.messagesPerDay,
      usage: [{ wru: 38, rru: 2, invocations: [{ memoryMb: 512, ms: 80 }], logKb: LOG_KB_PER_INVOCATION }],
    },
    {
      name: 'mark read',
      times: days * profile.readMarkersPerDay,
      usage: [http(), { wru: 2 + 2 + 1, rru: 1 }, fanOut(m)],
    },
    {
      name: 'typing',
      times: days * profile.typingPerDay,
      usage: [
        {
          wsMessages: 1 + (m - 1),
          invocations: [WS_ROUTE],
          rru: 1 + 0.5 * m,
          logKb: LOG_KB_PER_INVOCATION,
          traceRoots: 1,
        },
      ],
    },
    {
      name: 'presence change',
      times: days * profile.presenceChangesPerDay,
      usage: [
        { wru: 2, invocations: [WS_ROUTE], logKb: LOG_KB_PER_INVOCATION, traceRoots: 1 },
        fanOut(profile.presenceAudience),
      ],
    },
    {
      name: 'reconnect ($connect + $disconnect)',
      times: Math.ceil(onlineMinutes / 60 / profile.reconnectEveryHours),
      usage: [
        {
          wru: 4,
          rru: 1,
          invocations: [WS_ROUTE, WS_ROUTE, AUTHORIZER],
          logKb: 3 * LOG_KB_PER_INVOCATION,
          traceRoots: 2,
        },
      ],
    },
    {
      name: 'ping',
      times: Math.ceil(onlineMinutes / profile.pingEveryMinutes),
      usage: [{ wsMessages: 2, invocations: [WS_ROUTE], logKb: LOG_KB_PER_INVOCATION, traceRoots: 1 }],
    },
    {
      name: 'connection minutes',
      times: onlineMinutes,
      usage: [{ connectionMinutes: 1 }],
    },
    {
      name: 'load the conversation list',
      times: days * profile.conversationListLoadsPerDay,
      usage: [http(), { rru: 8 }],
    },
    {
      name: 'read a page of history',
      times: days * profile.historyPagesPerDay,
      usage: [http(), { rru: 8 }],
    },
    {
      name: 'send an attachment',
      times: days * profile.attachmentsPerDay,
      usage: [
        http(2),
        { wru: 4, rru: 1, s3Puts: 2, s3Gets: m - 1, s3GbMonths: (profile.attachmentKb * 2) / 1024 / 1024 },
        http(m - 1),
      ],
    },
    {
      name: 'open the app',
      times: days * profile.appLoadsPerDay,
      usage: [{ cloudFrontRequests: 6, cloudFrontGb: 60 / 1024 / 1024 }],
    },
  ];
  return { ops, onlineMinutes };
}

export interface Line {
  name: string;
  times: number;
  usd: number;
}

export interface Estimate {
  lines: Line[];
  byPrice: Record<PriceKey, number>;
  /** traces before X-Ray's sampling: see `costPerUser` */
  traceRoots: number;
  variableUsd: number;
}

/** Multiplies a month's operations by PRICES (times `regionFactor`). */
export function estimate(profile: Profile, measured: MeasuredSend = MEASURED_SEND, regionFactor = 1): Estimate {
  const { ops } = monthOf(profile, measured);
  const byPrice = Object.fromEntries(Object.keys(PRICES).map((k) => [k, 0])) as Record<PriceKey, number>;
  let traceRoots = 0;
  const lines: Line[] = [];
  for (const op of ops) {
    const before = { ...byPrice };
    const add = (key: PriceKey, quantity: number | undefined) => {
      if (quantity) byPrice[key] += quantity * op.times * PRICES[key].usd * regionFactor;
    };
    for (const u of op.usage) {
      add('dynamoWrite', u.wru);
      add('dynamoRead', u.rru);
      add(
        'lambdaRequest',
        u.invocations?.reduce((s, i) => s + (i.share ?? 1), 0),
      );
      add(
        'lambdaGbSecond',
        u.invocations?.reduce((s, i) => s + (i.share ?? 1) * (i.memoryMb / 1024) * (i.ms / 1000), 0),
      );
      add('httpApiRequest', u.httpRequests);
      add('webSocketMessage', u.wsMessages);
      add('eventBridgeEvent', u.events);
      add('webSocketConnectionMinute', u.connectionMinutes);
      add('eventBridgeArchiveGb', u.events ? (u.events * 1.5) / 1024 / 1024 : 0);
      add('logsIngestGb', u.logKb ? u.logKb / 1024 / 1024 : 0);
      add('logsStorageGb', u.logKb ? u.logKb / 1024 / 1024 : 0);
      add('s3Put', u.s3Puts);
      add('s3Get', u.s3Gets);
      add('s3Storage', u.s3GbMonths);
      add('cloudFrontRequest', u.cloudFrontRequests);
      add('cloudFrontGb', u.cloudFrontGb);
      traceRoots += (u.traceRoots ?? 0) * op.times;
    }
    const usd = Object.keys(byPrice).reduce((s, k) => s + byPrice[k as PriceKey] - before[k as PriceKey], 0);
    lines.push({ name: op.name, times: op.times, usd });
  }
  const variableUsd = lines.reduce((s, l) => s + l.usd, 0);
  return { lines, byPrice, traceRoots, variableUsd };
}

/** What the organisation pays whatever its use: alarms, the dashboard, the secret. */
export function fixedMonthlyUsd(alarms: number, regionFactor = 1): number {
  return (alarms * PRICES.alarmMonth.usd + PRICES.dashboardMonth.usd + PRICES.secretMonth.usd) * regionFactor;
}

/**
 * X-Ray's default sampling rule records the first request each second and 5 % of the rest: at an
 * organisation's traffic nearly every request is inside that reservoir, so traces are bounded by one
 * a second, plus 5 % beyond (traffic is bursty during working hours; taken as spread over 8 h × 21 days).
 */
export function sampledTraces(traceRootsPerMonth: number): number {
  const busySeconds = 21 * 8 * 3600;
  const reservoir = Math.min(traceRootsPerMonth, busySeconds);
  return reservoir + 0.05 * Math.max(0, traceRootsPerMonth - reservoir);
}

/** The platform cost per active user-month for an organisation of `users` such users. */
export function costPerUser(e: Estimate, users: number, alarms: number, regionFactor = 1) {
  const traces = sampledTraces(e.traceRoots * users);
  const xrayUsd = Math.max(0, traces - 100_000) * PRICES.xrayTrace.usd * regionFactor;
  const fixedUsd = fixedMonthlyUsd(alarms, regionFactor);
  const perUser = e.variableUsd + (xrayUsd + fixedUsd) / users;
  return { perUser, xrayUsdPerUser: xrayUsd / users, fixedUsdPerUser: fixedUsd / users, traces };
}
