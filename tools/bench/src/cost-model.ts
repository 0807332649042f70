import { HEARTBEAT_MS } from '../../../clients/web/src/lib/heartbeat.ts';
import { PRESENCE_BATCH } from '../../../clients/web/src/lib/people-store.ts';
import { prefixesOf } from '../../../services/messaging/src/domain/search-text.ts';
import { emfFanOutMetrics } from '../../../services/notifications/src/adapters/fan-out-metrics.ts';
import { ALWAYS_FREE, type FreeKey, PRICES, type PriceKey } from './cost-prices.ts';

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
  /** invocations that start a trace (HTTP and WebSocket routes, their authorizers, schedules) */
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
  /**
   * times a day the client refreshes everyone's presence (`GET /notifications/presence` for
   * `peopleKnown`, ADR 0034): after each reconnect, and when the tab is shown again after 5 minutes
   */
  presenceRefreshesPerDay: number;
  /** people whose profiles the client holds (its conversations' members and contacts): a refresh asks for all of them */
  peopleKnown: number;
  /** chats opened a day: each asks for the presence of the chat's other members */
  chatsOpenedPerDay: number;
  readMarkersPerDay: number;
  typingPerDay: number;
  conversationListLoadsPerDay: number;
  /** conversations the user is in: the list reads them all (ADR 0023) */
  conversationsPerUser: number;
  historyPagesPerDay: number;
  attachmentsPerDay: number;
  attachmentKb: number;
  appLoadsPerDay: number;
  /** how often the client pings an open socket (clients/web/src/lib/heartbeat.ts) */
  pingEveryMinutes: number;
  /** API Gateway closes a socket after 2 h; the client reconnects before */
  reconnectEveryHours: number;
  /**
   * App calls the user places a week (they are the callee of about as many of their colleagues'):
   * priced by cost-calls.ts, apart from the chat total (docs/cost.md, "With calls")
   */
  callsPerWeek: number;
  /** minutes both people are in the call's meeting */
  callMinutes: number;
  /** people in an app call: calling's calls are between two (caller and callee) */
  callAttendees: number;
  /** the share of calls with video: Chime SDK meetings price audio and video alike; only the bus carries its start and stop events */
  callVideoShare: number;
  /** seconds the callee takes to answer: the caller is in the meeting, alone, meanwhile */
  callAnswerSeconds: number;
}

export const DEFAULT_PROFILE: Profile = {
  workdays: 21,
  onlineHoursPerDay: 8,
  messagesPerDay: 30,
  membersPerConversation: 3,
  presenceAudience: 20,
  presenceChangesPerDay: 4,
  // 4 reconnects, the tab shown again 8 times
  presenceRefreshesPerDay: 12,
  peopleKnown: 40,
  chatsOpenedPerDay: 5,
  readMarkersPerDay: 20,
  typingPerDay: 30,
  conversationListLoadsPerDay: 5,
  conversationsPerUser: 30,
  historyPagesPerDay: 5,
  attachmentsPerDay: 1,
  attachmentKb: 300,
  appLoadsPerDay: 3,
  pingEveryMinutes: HEARTBEAT_MS / 60_000,
  reconnectEveryHours: 2,
  callsPerWeek: 3,
  callMinutes: 8,
  callAttendees: 2,
  callVideoShare: 0.3,
  callAnswerSeconds: 10,
};

/**
 * Chat messages of the profile's kind (10–17 words, four languages), whose search-index prefixes are
 * counted with the indexer's own `prefixesOf` (services/messaging/src/domain/search-text.ts), so the
 * model follows the tokeniser: what one message writes to the index.
 */
export const SAMPLE_MESSAGES: readonly string[] = [
  'Can we move the budget review to Thursday afternoon? I still need the numbers from finance.',
  'Sounds good, I will send the updated slides before lunch so everyone can read them first.',
  'The deployment failed again last night, looks like the database migration timed out halfway.',
  'Kannst du mir bitte die Präsentation für das Kundengespräch morgen früh noch einmal schicken?',
  'Wir treffen uns um drei Uhr im grossen Besprechungsraum, danach gehen wir zusammen essen.',
  'Je serai en retard ce matin, le train est bloqué à cause des travaux près de Lyon.',
  "Merci pour le rapport, j'ai ajouté quelques commentaires sur la partie consacrée aux coûts.",
  '¿Puedes revisar el contrato antes del viernes? El cliente quiere firmarlo la próxima semana.',
  'Hola a todos, la reunión de mañana se cancela, la pasamos al lunes a las diez.',
  'ok thanks, see you tomorrow at the office then',
];

/** The index entries (one WRU each) a message of the sample writes on average. */
export function prefixesPerMessage(sample: readonly string[] = SAMPLE_MESSAGES): number {
  return sample.reduce((n, text) => n + prefixesOf(text).length, 0) / sample.length;
}

/**
 * Besides its prefixes, indexing a message writes its manifest (ADR 0019; no idempotency record, ADR
 * 0023) and deletes the message's outbox row (ADR 0033: the indexer retires it, 1 WRU).
 */
const INDEX_OVERHEAD_WRU = 2;
/** messaging's requests per message for search indexing: 1 BatchWriteItem, no read (ADR 0033; docs/benchmarks.md) */
const INDEX_REQUESTS = 1;
/**
 * The send's transaction (ADR 0023): conversation, message, claim, outbox row and send counter,
 * each ≤ 1 KB, at 2 WRU a KB; a round lost to a concurrent sender is counted as a full one (an
 * upper bound). Its outbox row's delete is the indexer's (ADR 0033).
 */
const SEND_TRANSACTION_KB = 5;
/** One inbox entry in the list read's Query (~0.3 KB), and a conversation item in its BatchGet (≤ 4 KB). */
const LIST_ENTRY_KB = 0.3;

/** DynamoDB requests by operation for one message, as `npm run bench:messaging` counts them. */
export interface MeasuredSend {
  /**
   * messaging's requests per message at the measured group size, and that size: the send (1
   * GetItem, 1 transaction per round) and search indexing (`INDEX_REQUESTS`)
   */
  messagingRequests: number;
  notificationsRequests: number;
  identityRequests: number;
  groupSize: number;
}

/**
 * The last measured figures (docs/benchmarks.md, 2026-12-04, after ADR 0033), at the measured group
 * size closest to the profile's 3 members: groups of 2 (1 transaction round per message with the
 * sends spread over conversations; at 100 the benchmark's 4 sends in flight into one conversation lose
 * more rounds than people do). Identity's is the figure of 2026-12-02, when the authorizer ran on every
 * request (0.56 requests each: a session read, fewer where its own cache answered); since devstack
 * caches the authorizer's answer as API Gateway does, the benchmark counts 0.0, and the model applies
 * the cache itself (`AUTHORIZER_SHARE`), so the uncached figure is the one to use.
 */
export const MEASURED_SEND: MeasuredSend = {
  messagingRequests: 3.0,
  notificationsRequests: 1,
  identityRequests: 0.56,
  groupSize: 2,
};

export const HTTP = { memoryMb: 512, ms: 60 };
export const AUTHORIZER = { memoryMb: 256, ms: 8 };
export const FAN_OUT = { memoryMb: 1024, ms: 40 };
const WS_ROUTE = { memoryMb: 256, ms: 15 };
/**
 * Lambda's own lines for one invocation, in its text log format: START, END, and REPORT with the XRAY
 * line that active tracing adds, at their real lengths (a request id, a trace id): about 0.35 KB.
 */
export function platformLogLines(memoryMb = 512): string {
  const id = '26cf13c0-99f0-411c-833e-e8b4da248d96';
  return [
    `START RequestId: ${id} Version: $LATEST\n`,
    `END RequestId: ${id}\n`,
    `REPORT RequestId: ${id}\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: ${memoryMb} MB\tMax Memory Used: 98 MB\t\n`,
    'XRAY TraceId: 1-6755a1b2-0a1b2c3d4e5f60718293a4b5\tSegmentId: 1a2b3c4d5e6f7a8b\tSampled: true\t\n',
  ].join('');
}
const kb = (text: string) => Buffer.byteLength(text) / 1024;
/**
 * What an invocation logs: Lambda's lines. Our handlers write no line of their own on a success at
 * INFO (`@parley/lambda`'s http, ws and events wrappers log a refusal, a failure or a duplicate).
 */
export const LOG_KB_PER_INVOCATION = kb(platformLogLines());
/**
 * One JSON line of the Powertools logger: 563 bytes as devstack writes the fan-out's "event
 * delivered" (docs/cost.md), plus on AWS its `xray_trace_id` and the runtime's timestamp and request
 * id before it.
 */
export const LOGGER_LINE_KB = 0.7;
/** The fan-out's embedded-metric-format line (WebSocketPosts, WebSocketGone), as notifications writes it. */
export function fanOutMetricsLine(): string {
  let line = '';
  emfFanOutMetrics('prod', (l) => {
    line = l;
  }).delivered({ sent: 3, gone: 0, failed: 0 });
  return line;
}
/** A fan-out's invocation logs Lambda's lines, its "event delivered" line and its metrics line. */
export const FAN_OUT_LOG_KB = LOG_KB_PER_INVOCATION + LOGGER_LINE_KB + kb(fanOutMetricsLine());
/** An event consumer of calling or notifications that logs one line of what it did (a meeting event, an SMS). */
export const CONSUMER_LOG_KB = LOG_KB_PER_INVOCATION + LOGGER_LINE_KB;
/**
 * The custom metrics Parley's code publishes (embedded-metric-format lines), each `namespace name
 * dimensions`: CloudWatch bills a metric a month. The cost model's test reads the code for them.
 */
export const CUSTOM_METRICS = [
  'Parley/Notifications WebSocketPosts Stage',
  'Parley/Notifications WebSocketGone Stage',
  'Parley/Notifications SmsSent Stage',
  'Parley/Messaging TextsDropped',
] as const;
/** HTTP API caches the authorizer's answer 60 s per token: about one request in two invokes it */
export const AUTHORIZER_SHARE = 0.5;

/** One operation of a month: what one occurrence uses, and how often it happens. */
export interface Op {
  name: string;
  times: number;
  usage: Usage[];
}

/**
 * The operations of one month of `profile`, each with its usage per occurrence and how often it
 * happens. `send` takes its transaction rounds from the measured requests (minus indexing, the
 * GetItem and the outbox delete); nothing in it grows with the conversation's size but the fan-out.
 */
export function monthOf(profile: Profile, measured: MeasuredSend = MEASURED_SEND) {
  const m = profile.membersPerConversation;
  const days = profile.workdays;
  const onlineMinutes = days * profile.onlineHoursPerDay * 60;
  const sendRounds = Math.max(1, measured.messagingRequests - INDEX_REQUESTS - 1);
  const conversations = profile.conversationsPerUser;
  const http = (n = 1): Usage => ({
    httpRequests: n,
    invocations: [
      { ...HTTP, share: n },
      { ...AUTHORIZER, share: n * AUTHORIZER_SHARE },
    ],
    rru: n * measured.identityRequests * AUTHORIZER_SHARE,
    logKb: n * LOG_KB_PER_INVOCATION * (1 + AUTHORIZER_SHARE),
    // the route's invocation starts a trace, and so does each authorizer invocation (ADR 0031)
    traceRoots: n * (1 + AUTHORIZER_SHARE),
  });
  const fanOut = (audience: number): Usage => ({
    wru: Math.max(0, measured.notificationsRequests - 1),
    // the audience's connections, strongly consistent (a connection just stored must get the frame)
    rru: audience,
    invocations: [FAN_OUT],
    wsMessages: audience,
    events: 1,
    logKb: FAN_OUT_LOG_KB,
  });
  // getPresence (ADR 0034), PRESENCE_BATCH ids an ask: the viewer's conversation list and those
  // conversations' members, the contacts who added them, blocks both ways (eventually consistent), and
  // the asked users' connections (strongly consistent)
  const presenceAsk = (people: number): Usage[] => {
    const asks = Math.ceil(people / PRESENCE_BATCH);
    return [http(asks), { rru: asks * (0.5 + conversations * 0.5 + 0.5 + 1) + people }];
  };
  const ops: Op[] = [
    {
      name: 'send a message',
      times: days * profile.messagesPerDay,
      usage: [http(), { wru: sendRounds * 2 * SEND_TRANSACTION_KB, rru: 1 }, fanOut(m)],
    },
    {
      // ADR 0019: the message's word prefixes and its manifest, written off the send path, read-free (ADR 0033)
      name: 'index a message for search',
      times: days * profile.messagesPerDay,
      usage: [
        {
          wru: prefixesPerMessage() + INDEX_OVERHEAD_WRU,
          rru: 0,
          invocations: [{ memoryMb: 512, ms: 80 }],
          logKb: LOG_KB_PER_INVOCATION,
        },
      ],
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
      name: 'refresh presence (reconnect, tab shown)',
      times: days * profile.presenceRefreshesPerDay,
      usage: presenceAsk(profile.peopleKnown),
    },
    {
      name: "a chat's presence (chat opened)",
      times: days * profile.chatsOpenedPerDay,
      usage: presenceAsk(m - 1),
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
          // $connect, $disconnect and the $connect authorizer, each a trace of its own
          traceRoots: 3,
        },
      ],
    },
    {
      // API Gateway answers it itself (a MOCK integration, ADR 0035): the two messages, no Lambda, no log, no trace
      name: 'ping',
      times: Math.ceil(onlineMinutes / profile.pingEveryMinutes),
      usage: [{ wsMessages: 2 }],
    },
    {
      name: 'connection minutes',
      times: onlineMinutes,
      usage: [{ connectionMinutes: 1 }],
    },
    {
      // ADR 0023: every entry (one Query, eventually consistent), every conversation (BatchGet), and
      // the unread count of the page's conversations with unread messages (say 5)
      name: 'load the conversation list',
      times: days * profile.conversationListLoadsPerDay,
      usage: [http(), { rru: Math.ceil((conversations * LIST_ENTRY_KB) / 4) * 0.5 + conversations * 0.5 + 5 * 0.5 }],
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
  /** what one user consumes a month, in each price's unit (before `regionFactor`) */
  quantities: Record<PriceKey, number>;
  /** traces before X-Ray's sampling: see `costPerUser` */
  traceRoots: number;
  variableUsd: number;
}

/** Multiplies a month's operations by PRICES (times `regionFactor`). */
export function estimate(profile: Profile, measured: MeasuredSend = MEASURED_SEND, regionFactor = 1): Estimate {
  return priceOps(monthOf(profile, measured).ops, regionFactor);
}

/** Prices `ops` with PRICES (times `regionFactor`): a line per operation, and the totals by price. */
export function priceOps(ops: readonly Op[], regionFactor = 1): Estimate {
  const byPrice = Object.fromEntries(Object.keys(PRICES).map((k) => [k, 0])) as Record<PriceKey, number>;
  const quantities = { ...byPrice };
  let traceRoots = 0;
  const lines: Line[] = [];
  for (const op of ops) {
    const before = { ...byPrice };
    const add = (key: PriceKey, quantity: number | undefined) => {
      if (!quantity) return;
      quantities[key] += quantity * op.times;
      byPrice[key] += quantity * op.times * PRICES[key].usd * regionFactor;
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
  return { lines, byPrice, quantities, traceRoots, variableUsd };
}

/**
 * What the organisation pays whatever its use: alarms, the custom metrics, the dashboard, the secret.
 * `alarms` counts alarm metrics, which is what CloudWatch bills: a metric math alarm over n metrics is n.
 */
export function fixedMonthlyUsd(alarms: number, regionFactor = 1): number {
  return (
    (alarms * PRICES.alarmMonth.usd +
      CUSTOM_METRICS.length * PRICES.customMetricMonth.usd +
      DASHBOARDS * PRICES.dashboardMonth.usd +
      PRICES.secretMonth.usd) *
    regionFactor
  );
}

/** The platform's CloudWatch dashboards (one). */
export const DASHBOARDS = 1;

/**
 * Parley's traces start in Lambda (HTTP and WebSocket APIs do not trace), and Lambda samples the first
 * request each second and 5 % of the rest, a rate that "cannot be configured for Lambda functions" (an
 * X-Ray sampling rule changes nothing here): at an organisation's traffic nearly every request is
 * inside that reservoir, so traces are bounded by one a second, plus 5 % beyond (traffic is bursty
 * during working hours; taken as spread over 8 h × 21 days).
 */
export function sampledTraces(traceRootsPerMonth: number): number {
  const busySeconds = 21 * 8 * 3600;
  const reservoir = Math.min(traceRootsPerMonth, busySeconds);
  return reservoir + 0.05 * Math.max(0, traceRootsPerMonth - reservoir);
}

/** The platform cost per active user-month for an organisation of `users` such users. */
export function costPerUser(e: Estimate, users: number, alarms: number, regionFactor = 1) {
  const traces = sampledTraces(e.traceRoots * users);
  const xrayUsd = Math.max(0, traces - ALWAYS_FREE.xrayTrace.quantity) * PRICES.xrayTrace.usd * regionFactor;
  const fixedUsd = fixedMonthlyUsd(alarms, regionFactor);
  const perUser = e.variableUsd + (xrayUsd + fixedUsd) / users;
  return { perUser, xrayUsdPerUser: xrayUsd / users, fixedUsdPerUser: fixedUsd / users, traces };
}

export interface FreeLine {
  key: FreeKey;
  /** the allowance, in its price's unit */
  allowance: number;
  /** what the organisation uses of it a month */
  used: number;
  /** the part of `used` the allowance covers */
  free: number;
  /** what that removes from the list-price total, per user */
  usdPerUser: number;
}

/** The allowances `withFreeTier` applies: X-Ray's is already in `costPerUser`. */
const APPLIED_FREE: readonly FreeKey[] = [
  'lambdaRequest',
  'lambdaGbSecond',
  'alarmMonth',
  'customMetricMonth',
  'dashboardMonth',
  'logsIngestGb',
  'cloudFrontGb',
  'cloudFrontRequest',
  'dynamoStorage',
];

/**
 * The cost per user with the account's always-free tier (ALWAYS_FREE): each allowance is the
 * account's, a month, so it covers the organisation's use (a user's times `users`) up to its quantity,
 * once; what it covers is removed at list price. Assumes nothing else in the account uses it.
 */
export function withFreeTier(e: Estimate, users: number, alarms: number, regionFactor = 1) {
  const list = costPerUser(e, users, alarms, regionFactor);
  const lines: FreeLine[] = APPLIED_FREE.map((key) => {
    const { price, quantity } = ALWAYS_FREE[key];
    const fixed: Partial<Record<PriceKey, number>> = {
      alarmMonth: alarms,
      customMetricMonth: CUSTOM_METRICS.length,
      dashboardMonth: DASHBOARDS,
    };
    const used = fixed[price] ?? e.quantities[price] * users;
    const free = Math.min(used, quantity);
    return { key, allowance: quantity, used, free, usdPerUser: (free * PRICES[price].usd * regionFactor) / users };
  });
  const removedPerUser = lines.reduce((s, l) => s + l.usdPerUser, 0);
  return { lines, removedPerUser, listPerUser: list.perUser, perUser: list.perUser - removedPerUser };
}

/**
 * The fewest users from which (up to `upTo`) the cost per user stays under `goal`; undefined if it
 * is not under it at `upTo`.
 */
export function usersToMeet(goal: number, perUser: (users: number) => number, upTo = 100_000): number | undefined {
  let from: number | undefined;
  for (let users = upTo; users >= 1 && perUser(users) < goal; users--) from = users;
  return from;
}

/** A resource of a packaged CloudFormation template (only what counting alarms reads). */
export interface PackagedResource {
  Type: string;
  Properties?: { Metrics?: { MetricStat?: unknown }[] };
}

/** The metrics an alarm evaluates, what CloudWatch bills it by: 1, or a metric math alarm's metrics. */
export function alarmMetrics(alarm: PackagedResource): number {
  const metrics = alarm.Properties?.Metrics;
  return metrics ? Math.max(1, metrics.filter((m) => m.MetricStat !== undefined).length) : 1;
}
