import { ATTENDEE_MINUTE, fromMicros, STORAGE_GB_MONTH, toMicros } from '@parley/domain/prices';
import { UsageRecorded } from '@parley/events/calling';
import { ATTENDEE_MINUTE_PRICE, attendeeMinutes, type Call } from './model.ts';
import {
  type CallAudio,
  type Clock,
  type DomainEvents,
  domainEvent,
  type Ids,
  type PendingDomainEvent,
  type VoicemailRepository,
} from './ports.ts';
import { billedSeconds, rateFor } from './rates.ts';

/** S3 Standard, USD per GB-month: what a voicemail's storage is billed at (the price table's row). */
const STORAGE_PRICE_PER_GB_MONTH = fromMicros(STORAGE_GB_MONTH.unitPriceMicros);

/**
 * The ledger's lines for a finished phone call, charged to the person on it: the billed seconds at
 * the call's rate per minute (outgoing: the far end's country; incoming: the number's; forwarded:
 * the forward's), and the meeting's attendee-minutes (the person and the phone leg) when the call
 * went through one (a forward does not). Nothing for a call that was never answered.
 */
export function phoneUsage(deps: { ids: Ids }, call: Call): PendingDomainEvent[] {
  const phone = call.phone;
  if (!phone || !call.answeredAt || call.durationSeconds === undefined) return [];
  const seconds = billedSeconds(phone.billing, call.durationSeconds);
  if (seconds === 0) return [];
  const userId = call.kind === 'pstn-out' ? call.callerId : call.calleeId;
  // a forward is billed as a call to the forwarding number's country
  const country = phone.forwardedTo ? rateFor(phone.forwardedTo).country : phone.country;
  const at = call.endedAt ?? call.startedAt;
  const meeting = phone.forwardedTo
    ? []
    : [
        domainEvent(UsageRecorded, {
          usageId: deps.ids.id(),
          userId,
          feature: call.kind,
          quantity: attendeeMinutes(call.durationSeconds),
          unit: 'attendee-minute',
          unitPrice: ATTENDEE_MINUTE_PRICE,
          currency: 'USD',
          at,
          callId: call.id,
          amount: Math.round(attendeeMinutes(call.durationSeconds) * ATTENDEE_MINUTE_PRICE * 1e4) / 1e4,
          amountMicros: attendeeMinutes(call.durationSeconds) * ATTENDEE_MINUTE.unitPriceMicros,
        }),
      ];
  return [
    ...meeting,
    domainEvent(UsageRecorded, {
      usageId: deps.ids.id(),
      userId,
      feature: phone.forwardedTo ? 'pstn-forward' : call.kind,
      quantity: seconds,
      unit: 'second',
      unitPrice: phone.ratePerMinute / 60,
      currency: 'USD',
      at,
      callId: call.id,
      amount: phone.cost ?? 0,
      amountMicros: toMicros(phone.cost ?? 0),
      ...(country ? { country } : {}),
      direction: call.kind === 'pstn-out' || phone.forwardedTo ? 'outbound' : 'inbound',
    }),
  ];
}

/**
 * The ledger's line for a stored voicemail: its size for a month of S3 storage. The month it is
 * recorded in is charged when it is stored; each later month it is still kept, by
 * `recordVoicemailStorage` (with that month's `usageId` and event id, so a rerun charges nothing twice).
 */
export function voicemailStorageUsage(
  deps: { ids: Ids },
  input: { userId: string; callId: string; bytes: number; at: string; country: string | null; usageId?: string },
  options?: { eventId?: string },
): PendingDomainEvent {
  const kilobytes = Math.max(1, Math.ceil(input.bytes / 1024));
  const unitPrice = STORAGE_PRICE_PER_GB_MONTH / (1024 * 1024);
  return domainEvent(
    UsageRecorded,
    {
      usageId: input.usageId ?? deps.ids.id(),
      userId: input.userId,
      feature: 'voicemail-storage',
      quantity: kilobytes,
      unit: 'kilobyte-month',
      unitPrice,
      currency: 'USD',
      at: input.at,
      callId: input.callId,
      amount: Math.round(kilobytes * unitPrice * 1e6) / 1e6,
      amountMicros: toMicros(kilobytes * unitPrice),
      ...(input.country ? { country: input.country } : {}),
    },
    options,
  );
}

/** `YYYY-MM` of an ISO instant, in UTC (the ledger's month). */
const monthOf = (iso: string) => iso.slice(0, 7);

/**
 * Monthly (and safe to rerun): one `voicemail-storage` line for every recording still in the bucket
 * that was stored before this month, charged to the owner its key names
 * (`voicemail/<ownerId>/<callId>/…`), in the voicemail's country. Its usage id and event id are the
 * recording's and the month's, so the ledger (idempotent on the event id) counts a rerun once.
 */
export async function recordVoicemailStorage(deps: {
  audio: Pick<CallAudio, 'recordings'>;
  voicemails: Pick<VoicemailRepository, 'get'>;
  events: DomainEvents;
  clock: Clock;
  ids: Ids;
}): Promise<{ month: string; recorded: number }> {
  const now = deps.clock.now().toISOString();
  const month = monthOf(now);
  const lines: PendingDomainEvent[] = [];
  for await (const recording of deps.audio.recordings()) {
    const [, ownerId, callId] = recording.key.split('/');
    // this month's recordings were charged when they were stored
    if (!ownerId || !callId || monthOf(recording.storedAt) >= month) continue;
    const voicemail = await deps.voicemails.get(callId);
    const usageId = `voicemail-${callId}-${month}`;
    lines.push(
      voicemailStorageUsage(
        deps,
        { userId: ownerId, callId, bytes: recording.bytes, at: now, country: voicemail?.country ?? null, usageId },
        { eventId: `usage-${usageId}` },
      ),
    );
  }
  if (lines.length > 0) await deps.events.publishAll(lines);
  return { month, recorded: lines.length };
}
