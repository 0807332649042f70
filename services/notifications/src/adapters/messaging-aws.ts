import { type PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { SNSClient } from '@aws-sdk/client-sns';
import { SendWhatsAppMessageCommand, type SocialMessagingClient } from '@aws-sdk/client-socialmessaging';
import * as z from 'zod';
import {
  e164Of,
  type InboundText,
  type MessagingProvider,
  type TextStatusUpdate,
  type Webhook,
} from '../domain/messaging-provider.ts';
import { snsSmsSender } from './sms.ts';
import { type SnsUrlRules, type SnsVerifier, snsEnvelopeOf } from './sns-signature.ts';

/** Meta's Cloud API version End User Messaging Social forwards the message to. */
const META_API_VERSION = 'v20.0';

export interface AwsMessagingOptions {
  sns: Pick<SNSClient, 'send'>;
  /** End User Messaging SMS: a conversation reply leaves from its Parley number through it */
  smsVoice: Pick<PinpointSMSVoiceV2Client, 'send'>;
  /**
   * The configuration set a reply is sent with (`SMS_CONFIGURATION_SET`): its event destination is the
   * stage's text-events SNS topic, subscribed to `/webhooks/sns`, which is how delivery reaches Parley.
   */
  configurationSetName: string;
  social: Pick<SocialMessagingClient, 'send'>;
  /** SNS `AWS.SNS.SMS.SenderID` where the destination country allows an alphanumeric sender */
  senderId?: string;
  /** End User Messaging Social's origination phone number id (`phone-number-id-…`): the default sender */
  whatsappPhoneNumberId?: string;
  /**
   * The phone number id of each Parley number registered for WhatsApp (E.164 → id,
   * `WHATSAPP_PHONE_NUMBER_IDS`): a reply leaves from its conversation's number; a number not in it
   * falls back to `whatsappPhoneNumberId`.
   */
  whatsappPhoneNumberIds?: Readonly<Record<string, string>>;
  verifier: SnsVerifier;
  rules: SnsUrlRules;
  /** deliveries from topics of other accounts are refused */
  topicAccountId: string;
  /** GET of a SubscribeURL (tests pass a recorder) */
  get?: (url: string) => Promise<void>;
}

// End User Messaging SMS two-way: an inbound SMS published to the number's SNS topic.
const InboundSms = z.object({
  originationNumber: z.string().min(1),
  destinationNumber: z.string().min(1),
  messageBody: z.string(),
  inboundMessageId: z.string().min(1).max(128),
  messageKeyword: z.string().optional(),
  previousPublishedMessageId: z.string().optional(),
});

// End User Messaging SMS event destination (SNS): one delivery event of a text sent.
const SmsEvent = z.object({
  eventType: z.string().startsWith('TEXT_'),
  messageId: z.string().min(1).max(128),
  destinationPhoneNumber: z.string().min(1),
  messageStatus: z.string().optional(),
  messageStatusDescription: z.string().optional(),
  context: z.record(z.string(), z.string()).optional(),
});

// End User Messaging Social: Meta's webhook entry (a JSON string) wrapped by AWS.
const MetaEntry = z.object({
  changes: z.array(
    z.object({
      value: z.object({
        metadata: z.object({ display_phone_number: z.string() }).optional(),
        messages: z
          .array(
            z.object({
              from: z.string(),
              id: z.string().min(1).max(128),
              /** Unix seconds, when the person sent it: WhatsApp's 24 h reply window counts from it */
              timestamp: z.string().optional(),
              type: z.string(),
              text: z.object({ body: z.string() }).optional(),
            }),
          )
          .optional(),
        statuses: z
          .array(
            z.object({
              id: z.string().min(1).max(128),
              status: z.string(),
              recipient_id: z.string(),
              errors: z
                .array(z.object({ code: z.union([z.number(), z.string()]), title: z.string().optional() }))
                .optional(),
            }),
          )
          .optional(),
      }),
    }),
  ),
});
const SocialEvent = z.object({ whatsAppWebhookEntry: z.union([z.string(), z.record(z.string(), z.unknown())]) });

const json = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Meta's `timestamp` (Unix seconds) as `sentAt`; nothing when it is missing or not a time. */
function sentAtOf(timestamp: string | undefined): { sentAt?: string } {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return {};
  return { sentAt: new Date(Number(timestamp) * 1000).toISOString() };
}

function metaEntryOf(message: string) {
  const event = SocialEvent.safeParse(json(message));
  if (!event.success) return undefined;
  const raw = event.data.whatsAppWebhookEntry;
  const entry = MetaEntry.safeParse(typeof raw === 'string' ? json(raw) : raw);
  return entry.success ? entry.data : undefined;
}

const digitsE164 = (n: string) => e164Of(n.replace(/[^\d+]/g, ''));

function smsEventStatus(eventType: string): TextStatusUpdate['status'] | undefined {
  if (eventType === 'TEXT_SUCCESSFUL') return 'sent';
  if (eventType === 'TEXT_DELIVERED') return 'delivered';
  if (eventType === 'TEXT_PENDING' || eventType === 'TEXT_QUEUED') return undefined;
  return 'failed';
}

/**
 * AWS: alerts by SNS `Publish` (Transactional, SenderID where allowed), conversation replies by End
 * User Messaging SMS `SendTextMessage` from their Parley number with the stage's configuration set,
 * WhatsApp by End User Messaging Social `SendWhatsAppMessage`; inbound texts and delivery events arrive as SNS HTTPS deliveries
 * (`/webhooks/sns`: End User Messaging SMS two-way and event destination; `/webhooks/whatsapp`: the
 * Social topic), verified by signature and by topic account.
 */
export function awsMessaging(options: AwsMessagingOptions): MessagingProvider {
  const sms = snsSmsSender(options.sns, options.senderId);
  const get =
    options.get ??
    (async (url: string) => {
      const res = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`SubscribeURL answered ${res.status}`);
    });
  const isSnsRoute = (w: Webhook) => w.route === 'sns' || w.route === 'whatsapp';
  const notification = (w: Webhook) => {
    if (!isSnsRoute(w)) return undefined;
    const m = snsEnvelopeOf(w.body);
    return m?.Type === 'Notification' ? m : undefined;
  };
  return {
    name: 'aws',
    async sendSms(text) {
      // a one-way alert: SNS, whose SMS tell nobody how they fared (delivery status goes to CloudWatch Logs)
      if (!text.from) {
        const { messageId } = await sms.send(text.to, text.body);
        return { providerMessageId: messageId };
      }
      // a reply in an SMS conversation: from its Parley number, with the configuration set whose event
      // destination brings TEXT_SUCCESSFUL / TEXT_DELIVERED / failures back; `Context` comes back in them
      const out = await options.smsVoice.send(
        new SendTextMessageCommand({
          DestinationPhoneNumber: text.to,
          OriginationIdentity: text.from,
          MessageBody: text.body,
          MessageType: 'TRANSACTIONAL',
          ConfigurationSetName: options.configurationSetName,
          ...(text.ref ? { Context: { ref: text.ref } } : {}),
        }),
      );
      if (!out.MessageId) throw new Error('End User Messaging SMS accepted the text without a MessageId');
      return { providerMessageId: out.MessageId };
    },
    async sendWhatsApp(text) {
      const phoneNumberId =
        (text.from ? options.whatsappPhoneNumberIds?.[text.from] : undefined) ?? options.whatsappPhoneNumberId;
      if (!phoneNumberId) throw new Error('WHATSAPP_PHONE_NUMBER_ID is not configured');
      const message = { messaging_product: 'whatsapp', to: text.to, type: 'text', text: { body: text.body } };
      const out = await options.social.send(
        new SendWhatsAppMessageCommand({
          originationPhoneNumberId: phoneNumberId,
          metaApiVersion: META_API_VERSION,
          message: new TextEncoder().encode(JSON.stringify(message)),
        }),
      );
      if (!out.messageId) throw new Error('End User Messaging Social accepted the message without a messageId');
      return { providerMessageId: out.messageId };
    },
    async verifySignature(webhook) {
      if (!isSnsRoute(webhook)) return false;
      const m = snsEnvelopeOf(webhook.body);
      if (!m) return false;
      const declared = webhook.headers['x-amz-sns-message-type'];
      if (declared !== undefined && declared !== m.Type) return false;
      const account = m.TopicArn.split(':')[4];
      if (!/^\d{12}$/.test(options.topicAccountId) || account !== options.topicAccountId) return false;
      // a confirmation is only worth verifying if its SubscribeURL is one we would ever GET
      if (m.Type === 'SubscriptionConfirmation' && !options.rules.subscribeUrlAllowed(m.SubscribeURL ?? ''))
        return false;
      return options.verifier.verify(m);
    },
    parseInbound(webhook): InboundText[] {
      const m = notification(webhook);
      if (!m) return [];
      if (webhook.route === 'sns') {
        const inbound = InboundSms.safeParse(json(m.Message));
        if (!inbound.success) return [];
        const i = inbound.data;
        return [
          {
            channel: 'sms',
            from: e164Of(i.originationNumber),
            to: e164Of(i.destinationNumber),
            body: i.messageBody,
            providerMessageId: i.inboundMessageId,
          },
        ];
      }
      const entry = metaEntryOf(m.Message);
      return (entry?.changes ?? []).flatMap(({ value }) =>
        (value.messages ?? [])
          .filter((msg) => msg.type === 'text' && msg.text)
          .map((msg) => ({
            channel: 'whatsapp' as const,
            from: digitsE164(msg.from),
            to: digitsE164(value.metadata?.display_phone_number ?? ''),
            body: msg.text?.body ?? '',
            providerMessageId: msg.id,
            ...sentAtOf(msg.timestamp),
          })),
      );
    },
    parseStatus(webhook): TextStatusUpdate[] {
      const m = notification(webhook);
      if (!m) return [];
      if (webhook.route === 'sns') {
        const event = SmsEvent.safeParse(json(m.Message));
        if (!event.success) return [];
        const e = event.data;
        const status = smsEventStatus(e.eventType);
        if (!status) return [];
        const ref = e.context?.ref;
        return [
          {
            channel: 'sms',
            providerMessageId: e.messageId,
            to: e164Of(e.destinationPhoneNumber),
            status,
            ...(status === 'failed' ? { reason: (e.messageStatusDescription ?? e.eventType).slice(0, 256) } : {}),
            ...(ref ? { ref } : {}),
          },
        ];
      }
      const entry = metaEntryOf(m.Message);
      return (entry?.changes ?? []).flatMap(({ value }) =>
        (value.statuses ?? []).flatMap((s): TextStatusUpdate[] => {
          if (s.status !== 'sent' && s.status !== 'delivered' && s.status !== 'failed') return [];
          const error = s.errors?.[0];
          return [
            {
              channel: 'whatsapp',
              providerMessageId: s.id,
              to: digitsE164(s.recipient_id),
              status: s.status,
              ...(s.status === 'failed' && error ? { reason: `${error.code} ${error.title ?? ''}`.trim() } : {}),
            },
          ];
        }),
      );
    },
    parseControl(webhook) {
      if (!isSnsRoute(webhook)) return undefined;
      const m = snsEnvelopeOf(webhook.body);
      if (m?.Type === 'SubscriptionConfirmation' && m.SubscribeURL)
        return { kind: 'subscription-confirmation', id: m.MessageId, topic: m.TopicArn, confirmUrl: m.SubscribeURL };
      if (m?.Type === 'UnsubscribeConfirmation')
        return { kind: 'unsubscribe-confirmation', id: m.MessageId, topic: m.TopicArn };
      return undefined;
    },
    async confirmSubscription(confirmUrl) {
      if (!options.rules.subscribeUrlAllowed(confirmUrl))
        throw new Error('SubscribeURL is not on an SNS host: the subscription was not confirmed');
      await get(confirmUrl);
    },
  };
}
