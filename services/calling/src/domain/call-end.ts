import { ATTENDEE_MINUTE } from '@parley/domain/prices';
import { CallEnded, CallMissed, UsageRecorded } from '@parley/events/calling';
import {
  ATTENDEE_MINUTE_PRICE,
  attendeeMinutes,
  type Call,
  type CallState,
  type EndReason,
  secondsBetween,
  usersOf,
} from './model.ts';
import { phoneUsage } from './phone-usage.ts';
import {
  type CallRepository,
  type Clock,
  type Diagnostics,
  type DomainEvents,
  domainEvent,
  type Ids,
  type Meetings,
  type MissedCallStore,
  type PendingDomainEvent,
  type SipMediaCalls,
} from './ports.ts';
import { costOf } from './rates.ts';
import { type PstnUsageStore, recordPstnUsage } from './toll-fraud.ts';

/** What ending a call needs. */
export interface EndDeps {
  calls: CallRepository;
  missed: MissedCallStore;
  meetings: Meetings;
  events: DomainEvents;
  clock: Clock;
  ids: Ids;
  diagnostics: Diagnostics;
  /** the SIP media application, to hang up a phone call's PSTN leg */
  sma: SipMediaCalls;
  /** each person's phone minutes and spend today (the toll-fraud caps) */
  usage: PstnUsageStore;
}

export interface EndOptions {
  /** false inside the SIP media application's own invocation: it hangs the legs up itself */
  hangUpPhone?: boolean;
  /** false when a voicemail may follow: CallMissed waits to see whether a message was left */
  announceMissed?: boolean;
}

/**
 * Ends a call that is in state `from`, with a conditional write: undefined when someone else
 * changed it first (the caller decides whether that is an error). After the write: the meeting
 * is deleted, the ring index cleaned, and CallEnded (both), CallMissed (the callee, for a missed
 * call) and UsageRecorded (an answered call) are published.
 */
export async function endCall(
  deps: EndDeps,
  call: Call,
  from: CallState,
  endReason: EndReason,
  endedBy?: string,
  options: EndOptions = {},
): Promise<Call | undefined> {
  const endedAt = deps.clock.now().toISOString();
  const durationSeconds = call.answeredAt ? secondsBetween(call.answeredAt, endedAt) : undefined;
  const cost = call.phone ? costOf(call.phone, durationSeconds ?? 0).amount : undefined;
  const ended = await deps.calls.transition(call.id, from, {
    state: 'ended',
    endReason,
    endedAt,
    ...(durationSeconds !== undefined ? { durationSeconds } : {}),
    ...(endedBy ? { endedBy } : {}),
    ...(cost !== undefined ? { phone: { cost } } : {}),
  });
  if (!ended) return undefined;
  const announceMissed = endReason === 'missed' && options.announceMissed !== false;
  if (announceMissed) await deps.missed.increment(ended.calleeId);
  const transactionId = ended.phone?.transactionId;
  await Promise.all([
    deps.meetings.end(ended.meetingId).catch((error: unknown) =>
      // The emulator and Chime end an empty meeting on their own; a failed delete only costs time.
      deps.diagnostics.warn('meeting not deleted', { callId: ended.id, meetingId: ended.meetingId, error }),
    ),
    from === 'ringing' ? deps.calls.clearRinging(ended) : Promise.resolve(),
    transactionId && options.hangUpPhone !== false
      ? deps.sma
          .update(transactionId, { op: 'hangup' })
          .catch((error: unknown) =>
            deps.diagnostics.warn('phone leg not hung up', { callId: ended.id, transactionId, error }),
          )
      : Promise.resolve(),
    (ended.kind === 'pstn-out' || ended.phone?.forwardedTo) && durationSeconds !== undefined
      ? recordPstnUsage(deps, {
          userId: ended.kind === 'pstn-out' ? ended.callerId : ended.calleeId,
          at: endedAt,
          seconds: durationSeconds,
          amount: cost ?? 0,
        })
      : Promise.resolve(),
  ]);
  await deps.events.publishAll(endedEvents(deps, ended, announceMissed));
  return ended;
}

/** CallMissed for a phone call that reached voicemail but left no message (the caller hung up first). */
export function missedEvent(call: Call): PendingDomainEvent {
  return domainEvent(
    CallMissed,
    {
      callId: call.id,
      callerId: call.callerId,
      callerName: call.callerName,
      calleeId: call.calleeId,
      at: call.endedAt ?? call.startedAt,
      ...(call.kind === 'pstn-in' ? { callerNumber: call.callerId } : {}),
    },
    { audience: [call.calleeId] },
  );
}

function endedEvents(deps: Pick<EndDeps, 'ids'>, call: Call, announceMissed: boolean): PendingDomainEvent[] {
  const both = { audience: usersOf(call) };
  const endedAt = call.endedAt as string;
  const events = [
    domainEvent(
      CallEnded,
      {
        callId: call.id,
        endReason: call.endReason as EndReason,
        endedAt,
        ...(call.durationSeconds !== undefined ? { durationSeconds: call.durationSeconds } : {}),
        ...(call.endedBy ? { endedBy: call.endedBy } : {}),
        ...(call.phone?.cost !== undefined ? { cost: { amount: call.phone.cost, currency: call.phone.currency } } : {}),
      },
      both,
    ),
  ];
  if (announceMissed) events.push(missedEvent(call));
  if (call.phone) {
    events.push(...phoneUsage(deps, call));
  } else if (call.answeredAt && call.durationSeconds !== undefined) {
    events.push(
      domainEvent(UsageRecorded, {
        usageId: deps.ids.id(),
        userId: call.callerId,
        feature: 'app-call',
        quantity: attendeeMinutes(call.durationSeconds),
        unit: 'attendee-minute',
        unitPrice: ATTENDEE_MINUTE_PRICE,
        currency: 'USD',
        at: endedAt,
        callId: call.id,
        amountMicros: attendeeMinutes(call.durationSeconds) * ATTENDEE_MINUTE.unitPriceMicros,
      }),
    );
  }
  return events;
}

/**
 * The ring timeout: a call still ringing once its `ringUntil` has passed becomes `missed`.
 * Idempotent: a call already answered or ended, or not yet due, is left alone (false).
 */
export async function expireCall(deps: EndDeps, input: { callId: string }): Promise<boolean> {
  const call = await deps.calls.get(input.callId);
  if (call?.state !== 'ringing') return false;
  // A phone caller's own ringback times the ring (the SIP media application then offers voicemail):
  // the sweep only ends a phone call whose transaction went quiet well past its ring time.
  const grace = call.kind === 'pstn-in' ? PHONE_RING_GRACE_MS : 0;
  if (Date.parse(call.ringUntil) + grace > deps.clock.now().getTime()) return false;
  const reason = call.kind === 'pstn-out' ? 'unanswered' : 'missed';
  return (await endCall(deps, call, 'ringing', reason)) !== undefined;
}

/** How long past its ring time the sweep leaves a ringing inbound phone call to the SIP media application. */
export const PHONE_RING_GRACE_MS = 60_000;

/**
 * The backstop for a lost ring timer: every call in the ring index whose time is up is expired,
 * and entries of calls that stopped ringing are cleaned. Answers how many calls became missed.
 */
export async function sweepRinging(deps: EndDeps, input: { limit?: number } = {}): Promise<{ missed: number }> {
  const due = await deps.calls.ringExpiredBy(deps.clock.now().toISOString(), input.limit ?? 100);
  let missed = 0;
  for (const entry of due) {
    if (await expireCall(deps, { callId: entry.id })) missed += 1;
    else if ((await deps.calls.get(entry.id))?.state !== 'ringing') await deps.calls.clearRinging(entry);
  }
  return { missed };
}
