import { type DigestDeps, sendCappedSms } from './digests.ts';
import { DEFAULT_PREFERENCES } from './preferences.ts';
import type { SmsCaps } from './sms-guard.ts';

export type CallSmsReason = 'missed-call' | 'voicemail';

/** The SMS text: who called, never the content of a voicemail. */
export function callSmsText(reason: CallSmsReason, from: string): string {
  return reason === 'missed-call'
    ? `Parley: missed call from ${from}. Open Parley to call back.`
    : `Parley: ${from} left you a voicemail. Open Parley to listen.`;
}

/**
 * A missed call or a new voicemail: one SMS to the callee if their preference allows it (both on by
 * default), through the same guard and caps as digests. Meant for `calling.CallMissed` / `calling.VoicemailLeft`
 * consumers once calling publishes them. A provider failure throws (the bus retries; the consumer is idempotent).
 */
export async function notifyCallBySms(
  deps: Pick<
    DigestDeps,
    'preferences' | 'profiles' | 'sms' | 'rateLimiter' | 'metrics' | 'optOuts' | 'publisher' | 'clock'
  >,
  input: { userId: string; reason: CallSmsReason; from: string; caps: SmsCaps },
): Promise<'sent' | 'opted-out' | 'stopped' | 'no-number' | 'unverified' | 'daily-cap'> {
  const prefs = { ...DEFAULT_PREFERENCES, ...((await deps.preferences.get(input.userId)) ?? {}) };
  const wanted = input.reason === 'missed-call' ? prefs.smsOnMissedCall : prefs.smsOnVoicemail;
  if (!wanted) return 'opted-out';
  return sendCappedSms(deps, {
    userId: input.userId,
    reason: input.reason,
    text: callSmsText(input.reason, input.from),
    caps: input.caps,
  });
}
