import type { NotificationsPublisher } from './ports.ts';
import { guardedSms, type SmsCaps, type SmsGuardDeps } from './sms-guard.ts';
import { smsUsage } from './sms-usage.ts';

/** The verification SMS: the code and how long it lives, nothing that names the requester. */
export function verificationText(code: string, expiresAt: Date, now: Date): string {
  const minutes = Math.max(1, Math.round((expiresAt.getTime() - now.getTime()) / 60_000));
  return `Parley: your verification code is ${code}. It expires in ${minutes} minutes. Ignore this if you did not ask for it.`;
}

/**
 * `identity.MobileVerificationRequested`: texts the one-time code to the number being verified, the one
 * SMS that may go to an unverified number, and still within every cap (per requester, per destination,
 * per country, per stage): three accounts naming one stranger's number share that number's cap.
 * An expired request is dropped (a redelivered or late event must not text a dead code).
 */
export async function sendVerificationCode(
  deps: SmsGuardDeps & { publisher: Pick<NotificationsPublisher, 'usageRecorded'> },
  caps: SmsCaps,
  input: { userId: string; mobileNumber: string; code: string; expiresAt: string },
): Promise<'sent' | 'expired' | 'stopped' | 'daily-cap'> {
  const now = deps.clock.now();
  const expiresAt = new Date(input.expiresAt);
  if (expiresAt <= now) return 'expired';
  const text = verificationText(input.code, expiresAt, now);
  const result = await guardedSms(deps, caps, { userId: input.userId, to: input.mobileNumber, text });
  if (result.outcome === 'stopped') return 'stopped';
  if (result.outcome !== 'sent') return 'daily-cap';
  // the code is charged to the person who asked for it (the ledger's input, ADR 0021)
  await deps.publisher.usageRecorded(
    smsUsage({
      userId: input.userId,
      reason: 'verification-code',
      text,
      mobileNumber: result.mobileNumber,
      providerMessageId: result.messageId,
      at: now.toISOString(),
    }),
  );
  return 'sent';
}
