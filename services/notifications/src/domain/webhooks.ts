import { WebhookSignatureInvalid } from './errors.ts';
import { type MessagingProvider, optKeyword, type TextChannel, type Webhook } from './messaging-provider.ts';
import type { Clock, NotificationsPublisher } from './ports.ts';

/**
 * Port: "processed once" keys for webhooks (a replayed delivery carries the same provider message id).
 * The same contract as the consumers' idempotency store (ADR 0009): `claim` is one conditional write
 * that fails for a key already completed or being processed; a failure gives the key back.
 */
export interface WebhookDedupe {
  claim(key: string, inProgressSeconds: number): Promise<boolean>;
  complete(key: string): Promise<void>;
  release(key: string): Promise<void>;
}

/** Port: phone numbers that answered STOP (per channel), from inbound texts. */
export interface OptOutStore {
  /** Records the number's choice if `at` is newer than the stored one (webhooks arrive out of order); true when stored. */
  apply(phoneNumber: string, channel: TextChannel, optedOut: boolean, keyword: string, at: string): Promise<boolean>;
  isOptedOut(phoneNumber: string, channel: TextChannel): Promise<boolean>;
}

/** Port: the `ref` of each conversation text sent, by the provider's message id (for statuses that do not carry it). */
export interface TextRefStore {
  remember(providerMessageId: string, ref: string): Promise<void>;
  refOf(providerMessageId: string): Promise<string | undefined>;
}

export interface WebhookDeps {
  provider: MessagingProvider;
  dedupe: WebhookDedupe;
  optOuts: OptOutStore;
  publisher: Pick<NotificationsPublisher, 'textReceived' | 'textStatusChanged' | 'textOptedOut' | 'textOptedIn'>;
  clock: Clock;
  /** the refs of conversation texts sent (ADR 0028): a status without one gets it back from here */
  refs?: Pick<TextRefStore, 'refOf'>;
}

export interface WebhookOutcome {
  inbound: number;
  statuses: number;
  duplicates: number;
  control?: 'subscription-confirmed' | 'unsubscribed';
}

const IN_PROGRESS_SECONDS = 60;
const E164 = /^\+[1-9]\d{6,14}$/;
/** The longest body an event carries (WhatsApp's limit; an SMS is at most 1600 characters). */
const MAX_BODY = 4096;

async function processOnce(deps: WebhookDeps, key: string, work: () => Promise<void>): Promise<boolean> {
  if (!(await deps.dedupe.claim(key, IN_PROGRESS_SECONDS))) return false;
  try {
    await work();
  } catch (err) {
    await deps.dedupe.release(key);
    throw err;
  }
  await deps.dedupe.complete(key);
  return true;
}

/**
 * When a text was received: the provider's own time of it where it gives one (WhatsApp's 24 h reply
 * window counts from when the person wrote, ADR 0030, and a webhook can arrive late), never later than now.
 */
function receivedAtOf(sentAt: string | undefined, now: Date): string {
  const at = sentAt === undefined ? Number.NaN : Date.parse(sentAt);
  return Number.isNaN(at) || at > now.getTime() ? now.toISOString() : new Date(at).toISOString();
}

/**
 * One provider webhook: verified first (a bad or missing signature is `WebhookSignatureInvalid`, a 403,
 * and nothing is read or changed); then each text, status or handshake it carries is processed once per
 * provider id: an inbound text becomes `notifications.TextReceived` (and an opt keyword is stored and
 * published), a status `notifications.TextStatusChanged`, an SNS SubscriptionConfirmation is confirmed
 * by its SubscribeURL (once). A replay is accepted and counted as a duplicate.
 */
export async function handleWebhook(deps: WebhookDeps, webhook: Webhook): Promise<WebhookOutcome> {
  const { provider } = deps;
  if (!(await provider.verifySignature(webhook))) throw new WebhookSignatureInvalid();
  const outcome: WebhookOutcome = { inbound: 0, statuses: 0, duplicates: 0 };
  const count = (done: boolean, field: 'inbound' | 'statuses') => {
    if (done) outcome[field] += 1;
    else outcome.duplicates += 1;
  };

  const control = provider.parseControl(webhook);
  if (control?.kind === 'subscription-confirmation') {
    const done = await processOnce(deps, `webhook#${provider.name}#subscription#${control.id}`, () =>
      provider.confirmSubscription(control.confirmUrl),
    );
    if (done) outcome.control = 'subscription-confirmed';
    else outcome.duplicates += 1;
    return outcome;
  }
  if (control?.kind === 'unsubscribe-confirmation') return { ...outcome, control: 'unsubscribed' };

  for (const parsed of provider.parseInbound(webhook)) {
    // a verified webhook can still carry what no event may hold (a short code, a missing number): skipped
    if (!E164.test(parsed.from) || !E164.test(parsed.to)) continue;
    const { sentAt, ...rest } = parsed;
    const text = { ...rest, body: parsed.body.slice(0, MAX_BODY) };
    const receivedAt = receivedAtOf(sentAt, deps.clock.now());
    const done = await processOnce(deps, `webhook#${provider.name}#in#${text.providerMessageId}`, async () => {
      const opt = optKeyword(text.body);
      if (opt) {
        const optedOut = opt.kind === 'out';
        const stored = await deps.optOuts.apply(text.from, text.channel, optedOut, opt.keyword, receivedAt);
        const data = { phoneNumber: text.from, channel: text.channel, keyword: opt.keyword };
        if (stored) await (optedOut ? deps.publisher.textOptedOut(data) : deps.publisher.textOptedIn(data));
      }
      await deps.publisher.textReceived({ ...text, provider: provider.name, receivedAt });
    });
    count(done, 'inbound');
  }

  for (const status of provider.parseStatus(webhook)) {
    if (!E164.test(status.to)) continue;
    const key = `webhook#${provider.name}#status#${status.providerMessageId}#${status.status}`;
    const done = await processOnce(deps, key, async () => {
      // SNS / End User Messaging and WhatsApp statuses do not echo the ref: the send remembered it
      const ref = status.ref ?? (await deps.refs?.refOf(status.providerMessageId));
      await deps.publisher.textStatusChanged({ ...status, provider: provider.name, ...(ref ? { ref } : {}) });
    });
    count(done, 'statuses');
  }
  return outcome;
}
