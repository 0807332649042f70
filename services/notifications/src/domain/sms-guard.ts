import { callingCode } from '@parley/domain/phone';
import type { Clock, RateLimiter } from './ports.ts';
import type { OptOutStore } from './webhooks.ts';

/**
 * The daily SMS caps (SMS is a paid action: SMS pumping, OWASP API6). Every SMS Parley sends passes
 * all four; the first one used up refuses it. From notifications' serverless.yml, read once in config.ts.
 */
export interface SmsCaps {
  perUser: number;
  perDestination: number;
  perCountry: number;
  perStage: number;
}

/** Port: a user's mobile number and whether they proved they own it, projected from identity.ProfileUpdated. */
export interface MobileStore {
  mobileOf(userId: string): Promise<{ mobileNumber: string; verified: boolean } | undefined>;
}

/** Port: sends one SMS: the `MessagingProvider`'s `sendSms` (`smsThrough` below), whichever provider the stage uses. */
export interface SmsSender {
  send(phoneNumber: string, text: string): Promise<{ messageId: string }>;
}

/** Port: the stage-wide SMS metric the CloudWatch alarm watches. */
export interface SmsMetrics {
  sent(input: { country: string }): void;
}

export interface SmsGuardDeps {
  profiles: MobileStore;
  sms: SmsSender;
  rateLimiter: RateLimiter;
  metrics: SmsMetrics;
  clock: Clock;
  /** numbers that answered STOP: never texted, nothing counted */
  optOuts: Pick<OptOutStore, 'isOptedOut'>;
}

export type GuardRefusal = 'no-number' | 'unverified' | 'stopped' | 'daily-cap';
export type GuardOutcome = { outcome: 'sent'; messageId: string; mobileNumber: string } | { outcome: GuardRefusal };

const DAY_SECONDS = 86_400;

/**
 * The one gate every SMS passes (digest, missed call, voicemail, verification code). A user's own
 * notifications go only to a number they verified; a verification code (`to`) goes to the number being
 * verified. Then the caps, narrowest first: the user, the destination number, its country, the stage.
 * A number that answered an opt-out keyword (STOP, BAJA, ARRET…) is refused before any counter.
 * Each counter is a conditional write, so concurrent senders cannot overshoot; a unit taken by a narrower
 * cap before a wider one refuses is not given back (fails closed). A provider failure throws.
 */
export async function guardedSms(
  deps: SmsGuardDeps,
  caps: SmsCaps,
  input: { userId: string; text: string; to?: string },
): Promise<GuardOutcome> {
  let mobileNumber = input.to;
  if (!mobileNumber) {
    const mobile = await deps.profiles.mobileOf(input.userId);
    if (!mobile) return { outcome: 'no-number' };
    if (!mobile.verified) return { outcome: 'unverified' };
    mobileNumber = mobile.mobileNumber;
  }
  // a number that texted STOP gets nothing, not even a verification code, and uses up no cap
  if (await deps.optOuts.isOptedOut(mobileNumber, 'sms')) return { outcome: 'stopped' };
  const country = callingCode(mobileNumber);
  const now = deps.clock.now();
  const windows: [string, number][] = [
    [`sms#user#${input.userId}`, caps.perUser],
    [`sms#to#${mobileNumber}`, caps.perDestination],
    [`sms#country#${country}`, caps.perCountry],
    ['sms#stage', caps.perStage],
  ];
  for (const [key, limit] of windows) {
    if (!(await deps.rateLimiter.tryTake(key, limit, DAY_SECONDS, now))) return { outcome: 'daily-cap' };
  }
  const { messageId } = await deps.sms.send(mobileNumber, input.text);
  deps.metrics.sent({ country });
  return { outcome: 'sent', messageId, mobileNumber };
}

/** The guard's sender through the messaging provider (`MessagingProvider.sendSms`). */
export function smsThrough(provider: {
  sendSms(text: { to: string; body: string }): Promise<{ providerMessageId: string }>;
}): SmsSender {
  return {
    async send(phoneNumber, text) {
      const { providerMessageId } = await provider.sendSms({ to: phoneNumber, body: text });
      return { messageId: providerMessageId };
    },
  };
}
