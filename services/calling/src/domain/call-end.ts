import { CallEnded, CallMissed, UsageRecorded } from '@parley/events/calling';
import {
  ATTENDEE_MINUTE_PRICE,
  attendeeMinutes,
  type Call,
  type CallState,
  type EndReason,
  secondsBetween,
} from './model.ts';
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
} from './ports.ts';

/** What ending a call needs. */
export interface EndDeps {
  calls: CallRepository;
  missed: MissedCallStore;
  meetings: Meetings;
  events: DomainEvents;
  clock: Clock;
  ids: Ids;
  diagnostics: Diagnostics;
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
): Promise<Call | undefined> {
  const endedAt = deps.clock.now().toISOString();
  const durationSeconds = call.answeredAt ? secondsBetween(call.answeredAt, endedAt) : undefined;
  const ended = await deps.calls.transition(call.id, from, {
    state: 'ended',
    endReason,
    endedAt,
    ...(durationSeconds !== undefined ? { durationSeconds } : {}),
    ...(endedBy ? { endedBy } : {}),
  });
  if (!ended) return undefined;
  if (endReason === 'missed') await deps.missed.increment(ended.calleeId);
  await Promise.all([
    deps.meetings.end(ended.meetingId).catch((error: unknown) =>
      // The emulator and Chime end an empty meeting on their own; a failed delete only costs time.
      deps.diagnostics.warn('meeting not deleted', { callId: ended.id, meetingId: ended.meetingId, error }),
    ),
    from === 'ringing' ? deps.calls.clearRinging(ended) : Promise.resolve(),
  ]);
  await deps.events.publishAll(endedEvents(deps, ended));
  return ended;
}

function endedEvents(deps: Pick<EndDeps, 'ids'>, call: Call): PendingDomainEvent[] {
  const both = { audience: [call.callerId, call.calleeId] };
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
      },
      both,
    ),
  ];
  if (call.endReason === 'missed') {
    events.push(
      domainEvent(
        CallMissed,
        { callId: call.id, callerId: call.callerId, callerName: call.callerName, calleeId: call.calleeId, at: endedAt },
        { audience: [call.calleeId] },
      ),
    );
  }
  if (call.answeredAt && call.durationSeconds !== undefined) {
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
  if (Date.parse(call.ringUntil) > deps.clock.now().getTime()) return false;
  return (await endCall(deps, call, 'ringing', 'missed')) !== undefined;
}

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
