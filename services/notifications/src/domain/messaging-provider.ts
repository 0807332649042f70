/**
 * The `MessagingProvider` port: how Parley texts phones (SMS, WhatsApp) and reads what phones text
 * back, whichever provider carries it (AWS: SNS / End User Messaging SMS and Social; Twilio). One
 * adapter per provider (`adapters/messaging-aws.ts`, `adapters/messaging-twilio.ts`), chosen per stage
 * by `MESSAGING_PROVIDER` (`adapters/messaging-factory.ts`). ADR 0026.
 */

export const MESSAGING_PROVIDERS = ['aws', 'twilio'] as const;
export type ProviderName = (typeof MESSAGING_PROVIDERS)[number];
export type TextChannel = 'sms' | 'whatsapp';

/** The public webhook routes (notifications' HTTP API, no bearer token: the signature is the proof). */
export const WEBHOOK_ROUTES = {
  sns: '/webhooks/sns',
  whatsapp: '/webhooks/whatsapp',
  'twilio-sms': '/webhooks/twilio/sms',
  'twilio-whatsapp': '/webhooks/twilio/whatsapp',
  'twilio-status': '/webhooks/twilio/status',
} as const;
export type WebhookRoute = keyof typeof WEBHOOK_ROUTES;

/** One webhook request as it arrived: the route, the exact public URL called, headers (lower-case), raw body. */
export interface Webhook {
  route: WebhookRoute;
  /** `${PUBLIC_API_BASE_URL}/notifications<route path>` plus `?<query>` when there is one */
  url: string;
  headers: Readonly<Record<string, string | undefined>>;
  body: string;
}

export interface OutboundText {
  /** E.164 */
  to: string;
  /**
   * The Parley number it is sent from (E.164): a conversation reply's `via` number, owned by the person
   * replying (ADR 0028). Absent (alerts, verification codes): the stage's default sender.
   */
  from?: string;
  body: string;
  /** Parley's own id of what is sent, echoed in the status events when the provider carries it */
  ref?: string;
}

/** One text a phone sent Parley, normalised. */
export interface InboundText {
  channel: TextChannel;
  from: string;
  to: string;
  body: string;
  providerMessageId: string;
  /** when the phone sent it, where the provider says (WhatsApp's `timestamp`); `receivedAt` is never later than now */
  sentAt?: string;
}

/** One delivery status of a text Parley sent. */
export interface TextStatusUpdate {
  channel: TextChannel;
  providerMessageId: string;
  to: string;
  status: 'sent' | 'delivered' | 'failed';
  reason?: string;
  ref?: string;
}

/** Provider housekeeping a webhook may carry instead of a text (SNS subscription handshakes). */
export type WebhookControl =
  | { kind: 'subscription-confirmation'; id: string; topic: string; confirmUrl: string }
  | { kind: 'unsubscribe-confirmation'; id: string; topic: string };

/** Port: one messaging provider. */
export interface MessagingProvider {
  readonly name: ProviderName;
  sendSms(text: OutboundText): Promise<{ providerMessageId: string }>;
  sendWhatsApp(text: OutboundText): Promise<{ providerMessageId: string }>;
  /**
   * Whether the webhook really comes from this provider (SNS: the signing certificate from an allowed
   * host, v1 SHA1withRSA or v2 SHA256withRSA; Twilio: X-Twilio-Signature). A route of another provider,
   * a missing or bad signature: false. Nothing else may be read from a webhook before this said true.
   */
  verifySignature(webhook: Webhook): Promise<boolean>;
  /** The inbound texts a verified webhook carries (none when it carries a status or housekeeping). */
  parseInbound(webhook: Webhook): InboundText[];
  /** The delivery statuses a verified webhook carries. */
  parseStatus(webhook: Webhook): TextStatusUpdate[];
  /** Housekeeping (an SNS SubscriptionConfirmation / UnsubscribeConfirmation), if that is what it is. */
  parseControl(webhook: Webhook): WebhookControl | undefined;
  /** Confirms an SNS subscription by its SubscribeURL (only on an allowed host; refused otherwise). */
  confirmSubscription(confirmUrl: string): Promise<void>;
}

const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'BAJA', 'ARRET']);
const OPT_IN = new Set(['START', 'UNSTOP', 'ALTA']);

/**
 * The opt keyword a text is, if the whole text is one (case, accents, surrounding blanks and a
 * trailing `.`/`!` ignored: "Stop", " arrêt! " count; "please stop texting me" does not).
 */
export function optKeyword(body: string): { kind: 'out' | 'in'; keyword: string } | undefined {
  const word = body
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .trim()
    .replace(/[.!]+$/, '')
    .toUpperCase();
  if (OPT_OUT.has(word)) return { kind: 'out', keyword: word };
  if (OPT_IN.has(word)) return { kind: 'in', keyword: word };
  return undefined;
}

/** `whatsapp:+14155550100` / `14155550100` (Meta) / `+14155550100` → `+14155550100`. */
export function e164Of(address: string): string {
  const bare = address.replace(/^whatsapp:/, '').trim();
  return bare.startsWith('+') ? bare : `+${bare}`;
}
