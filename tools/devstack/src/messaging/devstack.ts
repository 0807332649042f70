/**
 * Texts on devstack, at the wire of each provider: the SNS SMS outbox, Twilio's Messages API and its
 * signed webhooks, SNS HTTP deliveries signed with devstack's certificate, End User Messaging Social
 * for WhatsApp; one outbox for all (`GET /_dev/sms`), the phone's side (`POST /_dev/sms/inbound`),
 * and the status callbacks after every send. The provider notifications uses comes from
 * `--messaging-provider` (env PARLEY_MESSAGING_PROVIDER); devstack always emulates both.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { z } from 'zod';
import { ACCOUNT_ID } from '../constants.ts';
import { readBody, sendError, sendJson } from '../http-util.ts';
import { SnsEmulator } from '../sns-emulator.ts';
import type { SsmEmulator } from '../ssm-emulator.ts';
import {
  type MessagingProvider,
  PARLEY_NUMBERS,
  SNS_CERT_NAME,
  SNS_TOPICS,
  type TextChannel,
  TWILIO,
  TWILIO_PARAMETERS,
  TWILIO_ROUTES,
  UNREACHABLE_NUMBER,
  WHATSAPP,
  WHATSAPP_PHONE_NUMBER_IDS,
} from './config.ts';
import { type OutboxItem, TextOutbox, type TextStatus } from './outbox.ts';
import { SmsVoiceEmulator } from './sms-voice-emulator.ts';
import { SnsHttpDelivery } from './sns-delivery.ts';
import { loadOrCreateSigningIdentity } from './sns-signing.ts';
import { SocialMessagingEmulator, wamid } from './social-emulator.ts';
import { TwilioEmulator, twilioSid, twilioSignature } from './twilio.ts';

export interface MessagingStackOptions {
  dataDir: string;
  provider: MessagingProvider;
  publicOrigin: () => string;
  log: (line: string) => void;
  /** pause before each status callback (sent, then delivered or failed); default 250 ms */
  statusDelayMs?: number;
}

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * The numbers a phone can text Parley at, as the providers' accounts hold them: the organisation's
 * (Twilio's test number, also the default WhatsApp sender) and the carrier pool's, which people are given.
 */
const TEXTABLE_NUMBERS: readonly string[] = [TWILIO.number, ...PARLEY_NUMBERS];
const InboundBody = z.object(
  {
    from: z.string({ error: 'from (E.164 string) is required.' }).regex(E164, 'from must be an E.164 number (+…).'),
    to: z.string({ error: 'to (E.164 string) is required.' }).regex(E164, 'to must be an E.164 number (+…).'),
    body: z
      .string({ error: 'body (string) is required.' })
      .min(1, 'body must not be empty.')
      .max(1600, 'body is at most 1600 characters.'),
    channel: z.enum(['sms', 'whatsapp'], { error: 'channel is "sms" or "whatsapp".' }).optional(),
    /** WhatsApp on aws: when the phone sent it (Meta's `timestamp`), e.g. over 24 h ago to close the reply window */
    sentAt: z.iso.datetime({ error: 'sentAt must be an ISO 8601 time (2026-12-01T09:00:00Z).' }).optional(),
  },
  { error: 'The body must be an object: {from, to, body, channel?, sentAt?}.' },
);

/**
 * Meta's customer service window: a free-form WhatsApp message is delivered only within 24 h of the
 * person's last message to that business number; outside it Meta fails it with error 131047 (Twilio: 63016).
 */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;
const WINDOW_CLOSED = {
  aws: {
    code: 131047,
    title: 'Re-engagement message',
    message: 'Re-engagement message',
    error_data: {
      details:
        'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
    },
  },
  twilioErrorCode: '63016',
  reason: 'Re-engagement message: more than 24 hours since the customer last replied (131047)',
} as const;

/** Words AWS two-way SMS reports as `messageKeyword` (the first word of the text, when it is one). */
const KEYWORDS = new Set([
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'HELP',
  'START',
  'UNSTOP',
  'BAJA',
  'ARRET',
]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const digits = (e164: string) => e164.replace(/^\+/, '');

export class MessagingStack {
  readonly provider: MessagingProvider;
  readonly outbox: TextOutbox;
  readonly sns: SnsEmulator;
  readonly social: SocialMessagingEmulator;
  readonly smsVoice: SmsVoiceEmulator;
  readonly twilio: TwilioEmulator;
  readonly delivery: SnsHttpDelivery;
  private readonly options: MessagingStackOptions;
  private readonly identity: ReturnType<typeof loadOrCreateSigningIdentity>;
  private readonly pending = new Set<Promise<void>>();

  constructor(options: MessagingStackOptions) {
    this.options = options;
    this.provider = options.provider;
    this.outbox = new TextOutbox(join(options.dataDir, 'sms.json'));
    this.identity = loadOrCreateSigningIdentity(join(options.dataDir, 'sns-signing.json'));
    this.delivery = new SnsHttpDelivery({
      file: join(options.dataDir, 'sns-subscriptions.json'),
      identity: this.identity,
      publicOrigin: options.publicOrigin,
      log: options.log,
    });
    this.sns = new SnsEmulator(this.outbox, { onSent: (item) => this.afterSend(item) });
    this.social = new SocialMessagingEmulator(this.outbox, (item) => this.afterSend(item));
    this.smsVoice = new SmsVoiceEmulator(this.outbox, (item) => this.afterSend(item));
    this.twilio = new TwilioEmulator(this.outbox, (item, callback) => this.afterSend(item, callback));
  }

  get servers(): Server[] {
    return [this.sns.server, this.social.server, this.smsVoice.server];
  }

  /** The public API base notifications' webhooks are under (`PUBLIC_API_BASE_URL`). */
  private get apiBase(): string {
    return `${this.options.publicOrigin()}/api`;
  }

  /** What every service process gets (read by notifications' serverless.yml). */
  environment(): Record<string, string> {
    const origin = this.options.publicOrigin();
    return {
      PARLEY_MESSAGING_PROVIDER: this.provider,
      PARLEY_TWILIO_API_BASE_URL: `${origin}/_dev/twilio`,
      PARLEY_SNS_DEV_CERT_ORIGIN: `${origin}/_dev/sns/cert`,
      PARLEY_WHATSAPP_PHONE_NUMBER_ID: WHATSAPP.phoneNumberId,
      PARLEY_WHATSAPP_PHONE_NUMBER_IDS: JSON.stringify(WHATSAPP_PHONE_NUMBER_IDS),
      // the account SNS topics belong to (notifications accepts deliveries from its topics only)
      PARLEY_ACCOUNT_ID: ACCOUNT_ID,
    };
  }

  /** The Twilio credentials and senders notifications reads from SSM (the auth token as a SecureString). */
  seedParameters(ssm: SsmEmulator): void {
    const put = (name: string, value: string, type: 'String' | 'SecureString' = 'String') => {
      if (!ssm.has(name)) ssm.put(name, value, type);
    };
    put(TWILIO_PARAMETERS.accountSid, TWILIO.accountSid);
    put(TWILIO_PARAMETERS.authToken, TWILIO.authToken, 'SecureString');
    put(TWILIO_PARAMETERS.smsFrom, TWILIO.number);
    put(TWILIO_PARAMETERS.whatsappFrom, TWILIO.number);
  }

  /**
   * Once notifications is up: subscribes its SNS endpoints to the three topics (a signed
   * SubscriptionConfirmation each, which notifications confirms by the SubscribeURL). Subscriptions of
   * an earlier run on another port are dropped.
   */
  async subscribeEndpoints(): Promise<void> {
    const wanted = Object.values(SNS_TOPICS).map((t) => ({ topicArn: t.arn, endpoint: `${this.apiBase}${t.route}` }));
    this.delivery.retainOnly(wanted);
    const subs = await Promise.all(wanted.map(({ topicArn, endpoint }) => this.delivery.subscribe(topicArn, endpoint)));
    for (const sub of subs) {
      if (!sub.confirmed)
        this.options.log(
          `SNS subscription of ${sub.endpoint} to ${sub.topicArn.split(':').at(-1)}: its confirmation was answered ${sub.confirmationStatus}; pending`,
        );
    }
  }

  /** Waits for every status callback in flight (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /**
   * `/_dev/twilio/…` (before the cross-site guard: Twilio's API takes forms, and a page cannot send
   * the Basic credentials it requires without a preflight), returns false for anything else.
   */
  async routeTwilio(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname !== '/_dev/twilio' && !url.pathname.startsWith('/_dev/twilio/')) return false;
    await this.twilio.handle(req, res, url.pathname.slice('/_dev/twilio'.length));
    return true;
  }

  /** `/_dev/sms/inbound`, `/_dev/sns/…`; false when the path is not one of them. */
  async route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname.replace(/\/$/, '');
    const route = `${req.method} ${path}`;
    if (route === 'POST /_dev/sms/inbound') {
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        sendError(res, 400, 'validation_failed', 'The request body is not valid JSON.');
        return true;
      }
      const parsed = InboundBody.safeParse(body);
      if (!parsed.success) {
        sendError(res, 400, 'validation_failed', parsed.error.issues[0]?.message ?? 'Not an inbound text.');
        return true;
      }
      const { from, to, body: text, channel = 'sms', sentAt } = parsed.data;
      if (sentAt !== undefined && (channel !== 'whatsapp' || this.provider !== 'aws')) {
        // only Meta's webhook says when the phone sent a text; SMS and Twilio's forms carry no time
        sendError(res, 400, 'validation_failed', 'sentAt is for WhatsApp on provider aws only (Meta’s timestamp).');
        return true;
      }
      if (sentAt !== undefined && Date.parse(sentAt) > Date.now()) {
        sendError(res, 400, 'validation_failed', 'sentAt must not be in the future.');
        return true;
      }
      const result = await this.receive({ from, to, body: text, channel, ...(sentAt ? { sentAt } : {}) });
      if ('error' in result) sendError(res, 409, 'not_subscribed', result.error);
      else sendJson(res, 200, result);
      return true;
    }
    if (route === 'GET /_dev/sms/numbers') {
      sendJson(res, 200, {
        items: TEXTABLE_NUMBERS.map((e164) => ({ e164, use: e164 === TWILIO.number ? 'organisation' : 'person' })),
      });
      return true;
    }
    if (route === 'GET /_dev/sms/inbound') {
      sendJson(res, 200, { items: this.outbox.received() });
      return true;
    }
    if (route === 'GET /_dev/sns/subscriptions') {
      sendJson(res, 200, {
        items: this.delivery.list().map(({ token: _token, ...s }) => s),
      });
      return true;
    }
    if (route === `GET /_dev/sns/cert/${SNS_CERT_NAME}`) {
      res.writeHead(200, { 'content-type': 'application/x-x509-ca-cert', 'cache-control': 'no-store' });
      res.end(this.identity.certificatePem);
      return true;
    }
    if (route === 'GET /_dev/sns/confirm') {
      this.delivery.confirm(url, res);
      return true;
    }
    if (route === 'GET /_dev/sns/unsubscribe') {
      this.delivery.unsubscribe(url, res);
      return true;
    }
    return false;
  }

  /** A phone texts Parley: delivered as the configured provider would, to notifications' webhook. */
  async receive(text: {
    from: string;
    to: string;
    body: string;
    channel: TextChannel;
    /** when the phone sent it (WhatsApp on aws: Meta's `timestamp`); default now */
    sentAt?: string;
  }): Promise<{ id: string; status: number; provider: MessagingProvider; parleyNumber: boolean } | { error: string }> {
    const { from, to, body, channel } = text;
    const sentAt = text.sentAt ? new Date(text.sentAt) : new Date();
    let id: string;
    let status: number;
    if (this.provider === 'twilio') {
      id = twilioSid('SM');
      const prefix = channel === 'whatsapp' ? 'whatsapp:' : '';
      const form: Record<string, string> = {
        MessageSid: id,
        SmsMessageSid: id,
        SmsSid: id,
        AccountSid: TWILIO.accountSid,
        From: `${prefix}${from}`,
        To: `${prefix}${to}`,
        Body: body,
        NumMedia: '0',
        NumSegments: String(Math.max(1, Math.ceil(body.length / 153))),
        SmsStatus: 'received',
        ApiVersion: '2010-04-01',
        ...(channel === 'whatsapp' ? { ProfileName: 'Virtual phone', WaId: digits(from) } : {}),
      };
      status = await this.postTwilio(`${this.apiBase}${TWILIO_ROUTES[channel]}`, form);
    } else if (channel === 'sms') {
      id = randomUUID();
      const previous = [...this.outbox.list()]
        .reverse()
        .find((i) => i.provider === 'aws' && i.channel === 'sms' && i.to === from);
      const first = body.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
      const message = {
        originationNumber: from,
        destinationNumber: to,
        messageKeyword: KEYWORDS.has(first) ? first : '',
        messageBody: body,
        inboundMessageId: id,
        previousPublishedMessageId: previous?.id ?? '',
      };
      const statuses = await this.delivery.publish(SNS_TOPICS.smsInbound.arn, JSON.stringify(message));
      if (statuses.length === 0) return { error: this.notSubscribed(SNS_TOPICS.smsInbound.arn) };
      status = statuses[0] as number;
    } else {
      id = wamid();
      const entry = this.whatsappEntry(
        {
          contacts: [{ profile: { name: 'Virtual phone' }, wa_id: digits(from) }],
          messages: [
            {
              from: digits(from),
              id,
              timestamp: String(Math.floor(sentAt.getTime() / 1000)),
              type: 'text',
              text: { body },
            },
          ],
        },
        to,
      );
      const statuses = await this.delivery.publish(SNS_TOPICS.whatsappEvents.arn, entry);
      if (statuses.length === 0) return { error: this.notSubscribed(SNS_TOPICS.whatsappEvents.arn) };
      status = statuses[0] as number;
    }
    this.outbox.addInbound({
      id,
      provider: this.provider,
      channel,
      from,
      to,
      body,
      at: sentAt.toISOString(),
      webhookStatus: status,
    });
    // passed on whatever `to` is (tests text any number), but said: a carrier would not deliver it to Parley
    return { id, status, provider: this.provider, parleyNumber: TEXTABLE_NUMBERS.includes(to) };
  }

  private notSubscribed(topicArn: string): string {
    const sub = this.delivery.list().find((s) => s.topicArn === topicArn);
    return sub
      ? `The SNS subscription of ${sub.endpoint} to ${topicArn} is not confirmed (its SubscriptionConfirmation was answered ${sub.confirmationStatus ?? 'nothing'}); see GET /_dev/sns/subscriptions.`
      : `Nothing is subscribed to ${topicArn} yet (devstack subscribes notifications once it is up).`;
  }

  /**
   * Whether WhatsApp's customer service window between `customer` and the business number `business`
   * is open at `at`: the customer texted that number (`POST /_dev/sms/inbound`) less than 24 h before.
   */
  whatsappWindowOpen(customer: string, business: string, at: number): boolean {
    const last = this.outbox
      .received()
      .filter((i) => i.channel === 'whatsapp' && i.from === customer && i.to === business)
      .reduce((newest, i) => Math.max(newest, Date.parse(i.at)), Number.NEGATIVE_INFINITY);
    return at - last < WHATSAPP_WINDOW_MS;
  }

  /**
   * After a send: `sent`, then `delivered` (or `failed` for the unreachable number), each told to
   * notifications as the provider would. A WhatsApp message outside the 24 h window is accepted by the
   * API and then fails, as Meta does it: one `failed` status, error 131047 (Twilio: 63016).
   */
  private afterSend(item: OutboxItem, statusCallback?: string): void {
    const delay = this.options.statusDelayMs ?? 250;
    const business = item.from ?? (item.provider === 'twilio' ? TWILIO.number : WHATSAPP.displayNumber);
    const windowClosed =
      item.channel === 'whatsapp' && !this.whatsappWindowOpen(item.to, business, Date.parse(item.at));
    const run = (async () => {
      const outcome: TextStatus[] = windowClosed
        ? ['failed']
        : ['sent', item.to === UNREACHABLE_NUMBER ? 'failed' : 'delivered'];
      for (const status of outcome) {
        await sleep(delay);
        const reason =
          status !== 'failed' ? undefined : windowClosed ? WINDOW_CLOSED.reason : 'Unreachable destination handset';
        const webhookStatus = await this.tellStatus(item, status, statusCallback, windowClosed).catch((err) => {
          this.options.log(`status callback for ${item.id} failed: ${(err as Error).message}`);
          return 0;
        });
        this.outbox.update(item.id, {
          status,
          ...(reason ? { reason } : {}),
          ...(webhookStatus !== undefined ? { webhookStatus } : {}),
        });
      }
    })();
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run));
  }

  /** One status to notifications; its HTTP status, or undefined when the provider tells no one. */
  private async tellStatus(
    item: OutboxItem,
    status: TextStatus,
    statusCallback?: string,
    windowClosed = false,
  ): Promise<number | undefined> {
    if (item.provider === 'twilio') {
      if (!statusCallback) return undefined;
      const prefix = item.channel === 'whatsapp' ? 'whatsapp:' : '';
      const twilioStatus = status === 'failed' ? (windowClosed ? 'failed' : 'undelivered') : status;
      return this.postTwilio(statusCallback, {
        MessageSid: item.id,
        SmsSid: item.id,
        MessageStatus: twilioStatus,
        SmsStatus: twilioStatus,
        AccountSid: TWILIO.accountSid,
        From: `${prefix}${item.from ?? TWILIO.number}`,
        To: `${prefix}${item.to}`,
        ApiVersion: '2010-04-01',
        ...(status === 'failed' ? { ErrorCode: windowClosed ? WINDOW_CLOSED.twilioErrorCode : '30003' } : {}),
      });
    }
    if (item.channel === 'whatsapp') {
      const entry = this.whatsappEntry(
        {
          statuses: [
            {
              id: item.id,
              status,
              timestamp: String(Math.floor(Date.now() / 1000)),
              recipient_id: digits(item.to),
              ...(status === 'failed'
                ? { errors: [windowClosed ? WINDOW_CLOSED.aws : { code: 131026, title: 'Message undeliverable' }] }
                : {}),
            },
          ],
        },
        WHATSAPP.displayNumber,
      );
      return (await this.delivery.publish(SNS_TOPICS.whatsappEvents.arn, entry))[0];
    }
    // SNS Publish tells no one how an SMS fared (on AWS its delivery status goes to CloudWatch Logs);
    // End User Messaging SMS sends each event to the configuration set's destination, the text-events topic
    if (!item.configurationSet) return undefined;
    const eventType =
      status === 'sent' ? 'TEXT_SUCCESSFUL' : status === 'delivered' ? 'TEXT_DELIVERED' : 'TEXT_UNREACHABLE';
    const event = {
      eventType,
      eventVersion: '1.0',
      eventTimestamp: Date.now(),
      isFinal: status !== 'sent',
      originationPhoneNumber: item.from ?? TWILIO.number,
      destinationPhoneNumber: item.to,
      isInternationalSend: false,
      messageId: item.id,
      messageRequestTimestamp: Date.parse(item.at),
      messageEncoding: 'GSM',
      messageType: item.smsType === 'Promotional' ? 'PROMOTIONAL' : 'TRANSACTIONAL',
      messageStatus: status === 'sent' ? 'SUCCESSFUL' : status === 'delivered' ? 'DELIVERED' : 'UNREACHABLE',
      messageStatusDescription:
        status === 'sent'
          ? 'Message has been accepted by phone carrier'
          : status === 'delivered'
            ? 'Message has been accepted by phone'
            : 'Unreachable destination handset',
      totalMessageParts: 1,
      totalMessagePrice: 0,
      totalCarrierFee: 0,
      configurationSetName: item.configurationSet,
      ...(item.context ? { context: item.context } : {}),
    };
    return (await this.delivery.publish(SNS_TOPICS.smsEvents.arn, JSON.stringify(event)))[0];
  }

  /** An End User Messaging Social event: Meta's webhook entry (a JSON string) in AWS's envelope. */
  private whatsappEntry(value: Record<string, unknown>, businessNumber: string): string {
    const entry = {
      id: WHATSAPP.wabaId,
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: digits(businessNumber), phone_number_id: WHATSAPP.phoneNumberId },
            ...value,
          },
        },
      ],
    };
    const arn = (kind: string, id: string) => `arn:aws:social-messaging:eu-central-1:${ACCOUNT_ID}:${kind}/${id}`;
    return JSON.stringify({
      context: {
        MetaWabaIds: [{ wabaId: WHATSAPP.wabaId, arn: arn('waba', WHATSAPP.wabaId) }],
        MetaPhoneNumberIds: [
          { metaPhoneNumberId: WHATSAPP.phoneNumberId, arn: arn('phone-number-id', WHATSAPP.phoneNumberId) },
        ],
      },
      whatsAppWebhookEntry: JSON.stringify(entry),
      aws_account_id: ACCOUNT_ID,
      message_timestamp: new Date().toISOString(),
      messageId: randomUUID(),
    });
  }

  /** A Twilio webhook: the form, signed over the exact URL with the account's auth token. */
  private async postTwilio(url: string, form: Record<string, string>): Promise<number> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'user-agent': 'TwilioProxy/1.1',
          'x-twilio-signature': twilioSignature(TWILIO.authToken, url, form),
          'i-twilio-idempotency-token': randomUUID(),
        },
        body: new URLSearchParams(form).toString(),
        signal: AbortSignal.timeout(15_000),
      });
      await res.arrayBuffer();
      return res.status;
    } catch (err) {
      this.options.log(`Twilio webhook ${url} failed: ${(err as Error).message}`);
      return 0;
    }
  }
}
