import { DEFAULT_SETTINGS } from '../../../services/calling/src/domain/model.ts';
import {
  AUTHORIZER,
  AUTHORIZER_SHARE,
  CONSUMER_LOG_KB,
  costPerUser,
  type Estimate,
  FAN_OUT,
  FAN_OUT_LOG_KB,
  HTTP,
  type Line,
  LOG_KB_PER_INVOCATION,
  MEASURED_SEND,
  type MeasuredSend,
  type Op,
  type Profile,
  priceOps,
  type Usage,
  withFreeTier,
} from './cost-model.ts';
import { PRICES, type PriceKey } from './cost-prices.ts';

/**
 * App calls between people (docs/cost.md, "With calls"): what one call does on AWS, counted from
 * calling's code paths (services/calling/src/domain/calls.ts, call-end.ts, meeting-events.ts, the
 * handlers and adapters), and the Chime SDK attendee-minutes its media uses. Kept apart from the chat
 * total: the goal of USD 0.05 is for a chat user. PSTN minutes are not here (the usage ledger prices
 * them per act, ADR 0021). A call is charged to its caller, as the usage ledger does: the profile's
 * `callsPerWeek` are the calls a user places.
 */

/** Calls a user places a month: `callsPerWeek` over the profile's working days, five to a week. */
export function callsPerMonth(profile: Profile): number {
  return (profile.callsPerWeek * profile.workdays) / 5;
}

/**
 * DynamoDB requests `npm run bench:calling -- --no-media` counts per call in notifications
 * (docs/benchmarks.md, 2026-12-01): the fan-out of the call's three frames. The code count is 2 per
 * frame event (the participants projection and the connections read); the rest are priced as writes.
 */
export const MEASURED_CALL_NOTIFICATIONS_REQUESTS = 12;

// Assumed warm durations on arm64 (docs/cost.md says why); memory from services/calling/serverless.yml.
/** startCall: CreateMeetingWithAttendees, five reads, the transaction, PutEvents, in sequence */
const START_CALL = { memoryMb: 512, ms: 250 };
/** answerCall: the read, the conditional write, GetMeeting + CreateAttendee with the ring-index delete, PutEvents */
const ANSWER_CALL = { memoryMb: 512, ms: 150 };
/** hangupCall: the read, the conditional write, DeleteMeeting, PutEvents */
const HANGUP_CALL = { memoryMb: 512, ms: 120 };
/** an event consumer: its idempotency claim, one or two requests, its completion */
const CONSUMER = { memoryMb: 512, ms: 30 };
/** the minute sweep's Query of the ring index (usually empty) */
const SWEEP = { memoryMb: 512, ms: 20 };
/**
 * The ring timer (128 MB) sleeps until the call's `ringUntil` whether or not it is answered
 * (handlers/events/ring-timer.ts): the callee's ring timeout, by default calling's DEFAULT_SETTINGS.
 */
const RING_TIMER = { memoryMb: 128, ms: DEFAULT_SETTINGS.ringTimeoutSeconds * 1000 + 30 };

/** The sweep of the ring index (`rate(1 minute)`), a 30-day month: the organisation's, whatever its calls. */
export const SWEEPS_PER_MONTH = 30 * 24 * 60;

/**
 * The call log's page, `LOG_PAGE` in clients/web/src/lib/call-log.ts (not imported: that module's
 * types need the DOM; the test reads the figure from it).
 */
export const LOG_PAGE = 20;

/** A consumer's idempotency record: the claim (PutItem) and its completion (UpdateItem), 1 WRU each. */
const IDEMPOTENCY_WRU = 2;

/**
 * The operations of one month of app calls placed by `profile`'s user: each call is placed, rings
 * (the ring timer), is answered, has its Chime meeting events, is hung up by either side, and becomes
 * one usage-ledger line; both sides reload their call log on the CallEnded frame. One device a
 * person, as the chat model (every device rings: a second one is a frame and a connection read more).
 */
export function callsOf(profile: Profile, measured: MeasuredSend = MEASURED_SEND): Op[] {
  const times = callsPerMonth(profile);
  const people = profile.callAttendees;
  const route = (fn: { memoryMb: number; ms: number }, n = 1): Usage => ({
    httpRequests: n,
    invocations: [
      { ...fn, share: n },
      { ...AUTHORIZER, share: n * AUTHORIZER_SHARE },
    ],
    rru: n * measured.identityRequests * AUTHORIZER_SHARE,
    logKb: n * LOG_KB_PER_INVOCATION * (1 + AUTHORIZER_SHARE),
    // the route's trace and, when the cache let it run, the authorizer's (ADR 0031)
    traceRoots: n * (1 + AUTHORIZER_SHARE),
  });
  // notifications' audience consumer: the participants projection (one UpdateItem), the audience's
  // connections (one BatchGetItem, eventually consistent) and a frame to each
  const frame = (audience: number): Usage => ({
    wru: 1,
    rru: 0.5 * audience,
    invocations: [FAN_OUT],
    wsMessages: audience,
    events: 1,
    logKb: FAN_OUT_LOG_KB,
  });
  const consumer = (n: number, usage: Usage): Usage => ({
    invocations: Array.from({ length: n }, () => CONSUMER),
    logKb: n * CONSUMER_LOG_KB,
    ...usage,
  });
  const frameEvents = 3;
  const meetingEvents = 2 * people + 1;
  return [
    {
      // directory ×2 and settings (GetItem), blocks (BatchGetItem of 2), the glare pair (consistent GetItem);
      // one transaction of 5 items ≤ 1 KB (call, a log entry each, ring index, glare pair) at 2 WRU
      name: 'place a call (POST /calls: the meeting, the call stored, CallRinging to the callee)',
      times,
      usage: [route(START_CALL), { rru: 0.5 * 2 + 0.5 + 0.5 * 2 + 1, wru: 2 * (3 + people) }, frame(1)],
    },
    {
      name: `ring timer (sleeps the ${DEFAULT_SETTINGS.ringTimeoutSeconds} s ring time, answered or not)`,
      times,
      usage: [{ invocations: [RING_TIMER], wru: IDEMPOTENCY_WRU, rru: 1, logKb: LOG_KB_PER_INVOCATION }],
    },
    {
      // the call (consistent GetItem), ringing → active (conditional UpdateItem), the ring index's delete
      name: 'answer (POST /calls/{id}/answer, CallAnswered to both)',
      times,
      usage: [route(ANSWER_CALL), { rru: 1, wru: 2 }, frame(people)],
    },
    {
      // aws.chime on the default bus is free; the platform's rule (services/platform/serverless.yml,
      // ChimeEventsRule: every aws.chime event) forwards each to Parley's bus, billed as a custom event
      // and archived. onMeetingEvent takes the joined, left and ended ones: its idempotency record and
      // the call (consistent GetItem); a join also records the side's presence (conditional UpdateItem).
      // They start their own traces.
      name: `Chime meeting events (${round(forwardedMeetingEvents(profile))} forwarded to the bus; ${people} joined, ${people} left and the end consumed)`,
      times,
      usage: [
        { events: forwardedMeetingEvents(profile) },
        consumer(meetingEvents, {
          wru: meetingEvents * IDEMPOTENCY_WRU + people,
          rru: meetingEvents,
          traceRoots: meetingEvents,
        }),
      ],
    },
    {
      // the call (consistent GetItem), active → ended (conditional UpdateItem), DeleteMeeting; UsageRecorded
      name: 'hang up (POST /calls/{id}/hangup, CallEnded to both, UsageRecorded)',
      times,
      usage: [route(HANGUP_CALL), { rru: 1, wru: 1, events: 1 }, frame(people)],
    },
    {
      // usage: its idempotency record, the line in one transaction of 3 items (claim, line, month total),
      // the month total (consistent GetItem), SpendChanged; calling: its idempotency record and the copy
      name: "the usage ledger's line (UsageRecorded → usage.SpendChanged → calling's copy)",
      times,
      usage: [consumer(2, { wru: IDEMPOTENCY_WRU + 2 * 3 + IDEMPOTENCY_WRU + 1, rru: 1, events: 1 })],
    },
    {
      // clients/web/src/lib/call-store.ts reloads a loaded log on CallEnded: the log's page (Query,
      // eventually consistent), its calls (BatchGetItem, consistent, ≤ 4 KB each), the missed count
      name: `call log reloaded by both sides (GET /calls: ${LOG_PAGE} entries)`,
      times,
      usage: [route(HTTP, people), { rru: people * (0.5 + LOG_PAGE + 0.5) }],
    },
    {
      name: "notifications' other requests (bench:calling's count beyond the code's; assumed writes)",
      times,
      usage: [{ wru: Math.max(0, MEASURED_CALL_NOTIFICATIONS_REQUESTS - 2 * frameEvents) }],
    },
  ];
}

/**
 * The aws.chime events of one call that the platform's rule forwards (assumed from the meeting
 * lifecycle events Chime SDK documents, docs.aws.amazon.com/chime-sdk/latest/dg/using-events.html):
 * the meeting's start and end; per attendee added, authorized, joined, left and deleted; and a video
 * started and stopped per attendee who sends video. Video's only cost on AWS: its media is priced as audio.
 */
export function forwardedMeetingEvents(profile: Profile): number {
  return 2 + profile.callAttendees * (5 + 2 * profile.callVideoShare);
}

/** The sweep of the ring index, shared by the organisation's `users`: what one user's month carries of it. */
export function sweepOf(users: number): Op {
  return {
    name: `ring sweep (every minute: ${SWEEPS_PER_MONTH.toLocaleString('en-US')} runs a month, shared by ${users})`,
    times: SWEEPS_PER_MONTH / users,
    usage: [{ invocations: [SWEEP], rru: 0.5, logKb: LOG_KB_PER_INVOCATION, traceRoots: 1 }],
  };
}

/** The media of a month of calls: Chime SDK attendee-minutes, at prices.ts's rate (`PRICES.chimeAttendeeMinute`). */
export function mediaOf(profile: Profile) {
  const calls = callsPerMonth(profile);
  const inCall = calls * profile.callMinutes * profile.callAttendees;
  // billing starts when an attendee joins: the caller joins as the call is placed, the callee on answering
  const ringing = (calls * profile.callAnswerSeconds) / 60;
  const price = PRICES.chimeAttendeeMinute.usd;
  const lines = [
    {
      name: `attendee-minutes in calls (${round(calls)} calls × ${profile.callMinutes} min × ${profile.callAttendees} attendees)`,
      attendeeMinutes: inCall,
      usd: inCall * price,
    },
    {
      name: `the caller alone in the meeting while it rings (${profile.callAnswerSeconds} s a call)`,
      attendeeMinutes: ringing,
      usd: ringing * price,
    },
  ];
  return { lines, attendeeMinutes: inCall + ringing, usd: (inCall + ringing) * price };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Sums estimates: the chat's, the calls', the sweep's. */
function combine(...estimates: Estimate[]): Estimate {
  const byPrice = { ...estimates[0]?.byPrice } as Record<PriceKey, number>;
  const quantities = { ...estimates[0]?.quantities } as Record<PriceKey, number>;
  for (const e of estimates.slice(1)) {
    for (const key of Object.keys(byPrice) as PriceKey[]) {
      byPrice[key] += e.byPrice[key];
      quantities[key] += e.quantities[key];
    }
  }
  return {
    lines: estimates.flatMap((e) => e.lines),
    byPrice,
    quantities,
    traceRoots: estimates.reduce((s, e) => s + e.traceRoots, 0),
    variableUsd: estimates.reduce((s, e) => s + e.variableUsd, 0),
  };
}

/**
 * The cost per user-month with the profile's calls, beside the chat total (`chat`, unchanged):
 * the calls' signalling (their operations, the sweep, the X-Ray traces they add) and their media
 * (attendee-minutes, which `regionFactor` does not touch: prices.ts has one rate for every media region).
 */
export function withCalls(
  chat: Estimate,
  profile: Profile,
  users: number,
  alarms: number,
  regionFactor = 1,
  measured: MeasuredSend = MEASURED_SEND,
) {
  const calls = priceOps(callsOf(profile, measured), regionFactor);
  const sweep = priceOps([sweepOf(users)], regionFactor);
  const all = combine(chat, calls, sweep);
  const chatList = costPerUser(chat, users, alarms, regionFactor);
  const allList = costPerUser(all, users, alarms, regionFactor);
  const media = mediaOf(profile);
  const xrayUsdPerUser = allList.xrayUsdPerUser - chatList.xrayUsdPerUser;
  const sweepLine = sweep.lines[0] as Line;
  const signallingUsd = calls.variableUsd + sweep.variableUsd + xrayUsdPerUser;
  return {
    calls: callsPerMonth(profile),
    lines: calls.lines,
    sweep: sweepLine,
    xrayUsdPerUser,
    byPrice: combine(calls, sweep).byPrice,
    signallingUsd,
    media,
    chatPerUser: chatList.perUser,
    perUser: allList.perUser + media.usd,
    withFreeTier: withFreeTier(all, users, alarms, regionFactor).perUser + media.usd,
  };
}
