import { callingCode } from '@parley/domain/phone';
import type { MessagingProvider, TextChannel } from './messaging-provider.ts';
import type { Clock, NotificationsPublisher, RateLimiter } from './ports.ts';
import type { SmsMetrics } from './sms-guard.ts';
import { smsUsage, whatsappUsage } from './sms-usage.ts';
import type { OptOutStore, TextRefStore } from './webhooks.ts';

export type { TextRefStore };

export interface TextCaps {
  /** texts one user sends in conversations per day (`TEXT_DAILY_CAP`), apart from their SMS alerts */
  perUser: number;
  /** texts to one phone number per day, whoever sends them (`TEXT_DESTINATION_DAILY_CAP`): one chat's worth, not a flood */
  perDestination: number;
  /**
   * SMS to one country calling code per day (the same counter and cap as the SMS guard's, `SMS_COUNTRY_DAILY_CAP`):
   * SMS pumping works by texting many premium numbers of one range, so WhatsApp, which has no such ranges, skips it
   */
  perCountry: number;
  /** every SMS of the stage per day (the same counter as the SMS guard's stage cap) */
  perStage: number;
}

export interface TextingDeps {
  provider: Pick<MessagingProvider, 'name' | 'sendSms' | 'sendWhatsApp'>;
  optOuts: Pick<OptOutStore, 'isOptedOut'>;
  rateLimiter: RateLimiter;
  refs: Pick<TextRefStore, 'remember'>;
  publisher: Pick<NotificationsPublisher, 'textStatusChanged' | 'usageRecorded'>;
  metrics: SmsMetrics;
  clock: Clock;
}

/** What messaging asked to text (messaging.TextRequested). */
export interface TextRequest {
  conversationId: string;
  messageId: string;
  channel: TextChannel;
  from: string;
  to: string;
  text: string;
  requestedBy: string;
  ref: string;
}

export type TextOutcome = 'sent' | 'opted-out' | 'daily-cap';

const DAY_SECONDS = 86_400;

/**
 * One reply of a text conversation (ADR 0028), through its guard: a number that opted out on that
 * channel is refused before any cap; then the daily caps, narrowest first: the user's texting cap, the
 * destination number's, its country's SMS cap (SMS only, shared with the SMS guard) and the stage's SMS
 * cap (one conditional write each, fail closed). Sent through the stage's `MessagingProvider` with `ref`, its
 * ref remembered by provider id (statuses that do not carry it), then `TextStatusChanged` `sent` with
 * the ref, and one `UsageRecorded` (reason `text-message`): an SMS its segments, a WhatsApp message
 * one `whatsapp-message` (ADR 0029). It leaves from the conversation's own Parley number (`from`). A refusal publishes
 * `TextStatusChanged` `failed` with the reason (`opted-out`, `daily-cap`) and sends nothing. A
 * provider failure throws (the bus retries).
 */
export async function sendRequestedText(deps: TextingDeps, caps: TextCaps, input: TextRequest): Promise<TextOutcome> {
  const refused = async (reason: 'opted-out' | 'daily-cap') => {
    await deps.publisher.textStatusChanged({
      channel: input.channel,
      provider: deps.provider.name,
      // nothing reached a provider: Parley's own id stands in for one
      providerMessageId: `refused-${input.messageId}`.slice(0, 128),
      to: input.to,
      status: 'failed',
      reason,
      ref: input.ref,
    });
    return reason;
  };
  if (await deps.optOuts.isOptedOut(input.to, input.channel)) return refused('opted-out');
  const now = deps.clock.now();
  const windows: [string, number][] = [
    [`text#user#${input.requestedBy}`, caps.perUser],
    [`text#to#${input.to}`, caps.perDestination],
    ...(input.channel === 'sms'
      ? ([[`sms#country#${callingCode(input.to)}`, caps.perCountry]] as [string, number][])
      : []),
    ['sms#stage', caps.perStage],
  ];
  for (const [key, limit] of windows) {
    if (!(await deps.rateLimiter.tryTake(key, limit, DAY_SECONDS, now))) return refused('daily-cap');
  }
  const text = { to: input.to, from: input.from, body: input.text, ref: input.ref };
  const { providerMessageId } =
    input.channel === 'sms' ? await deps.provider.sendSms(text) : await deps.provider.sendWhatsApp(text);
  await deps.refs.remember(providerMessageId, input.ref);
  const at = deps.clock.now().toISOString();
  if (input.channel === 'sms') {
    deps.metrics.sent({ country: callingCode(input.to) });
    await deps.publisher.usageRecorded(
      smsUsage({
        userId: input.requestedBy,
        reason: 'text-message',
        text: input.text,
        mobileNumber: input.to,
        providerMessageId,
        at,
      }),
    );
  } else {
    // one message at the one WhatsApp price (ADR 0029)
    await deps.publisher.usageRecorded(
      whatsappUsage({ userId: input.requestedBy, to: input.to, providerMessageId, at }),
    );
  }
  await deps.publisher.textStatusChanged({
    channel: input.channel,
    provider: deps.provider.name,
    providerMessageId,
    to: input.to,
    status: 'sent',
    ref: input.ref,
  });
  return 'sent';
}
