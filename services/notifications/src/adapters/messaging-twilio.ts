import type {
  InboundText,
  MessagingProvider,
  OutboundText,
  TextChannel,
  TextStatusUpdate,
  Webhook,
} from '../domain/messaging-provider.ts';
import { e164Of } from '../domain/messaging-provider.ts';
import { twilioSignatureValid } from './twilio-signature.ts';

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
  /** the default SMS sender (alerts, codes; a reply names its own `from`): E.164 or a Messaging Service SID (`MG…`) */
  smsFrom: string;
  /** the default WhatsApp sender (E.164; a reply names its own `from`) */
  whatsappFrom: string;
}

export interface TwilioMessagingOptions {
  /** `https://api.twilio.com` (devstack: its emulator) */
  apiBaseUrl: string;
  /** from SSM, read once per container */
  credentials: () => Promise<TwilioCredentials>;
  /** the public URL of `/webhooks/twilio/status`, given to every send as its StatusCallback */
  statusCallbackUrl: string;
  fetch?: typeof fetch;
}

const TWILIO_STATUS: Record<string, TextStatusUpdate['status'] | undefined> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'failed',
  failed: 'failed',
};

const channelOf = (address: string): TextChannel => (address.startsWith('whatsapp:') ? 'whatsapp' : 'sms');

function queryParam(url: string, name: string): string | undefined {
  try {
    return new URL(url).searchParams.get(name) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Twilio over its REST API with `fetch` (no SDK: ADR 0026): `POST /2010-04-01/Accounts/{sid}/Messages.json`
 * with Basic auth, form-encoded. Inbound and status webhooks are form posts signed with
 * `X-Twilio-Signature` over the exact URL called (`Webhook.url`) and the sorted form parameters.
 */
export function twilioMessaging(options: TwilioMessagingOptions): MessagingProvider {
  const http = options.fetch ?? fetch;
  const form = (w: Webhook) => new URLSearchParams(w.body);

  async function send(text: OutboundText, channel: TextChannel): Promise<{ providerMessageId: string }> {
    const creds = await options.credentials();
    const body = new URLSearchParams();
    // a conversation reply leaves from its own Parley number (`from`); anything else from the stage's sender
    if (channel === 'whatsapp') {
      body.set('To', `whatsapp:${text.to}`);
      body.set('From', `whatsapp:${text.from ?? creds.whatsappFrom}`);
    } else {
      body.set('To', text.to);
      if (text.from) body.set('From', text.from);
      else if (creds.smsFrom.startsWith('MG')) body.set('MessagingServiceSid', creds.smsFrom);
      else body.set('From', creds.smsFrom);
    }
    body.set('Body', text.body);
    const callback = new URL(options.statusCallbackUrl);
    if (text.ref) callback.searchParams.set('ref', text.ref);
    body.set('StatusCallback', callback.href);
    const url = `${options.apiBaseUrl}/2010-04-01/Accounts/${encodeURIComponent(creds.accountSid)}/Messages.json`;
    const res = await http(url, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${creds.accountSid}:${creds.authToken}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    const reply = (await res.json().catch(() => ({}))) as { sid?: string; message?: string; code?: number };
    if (!res.ok) throw new Error(`Twilio answered ${res.status}: ${reply.code ?? ''} ${reply.message ?? ''}`.trim());
    if (!reply.sid) throw new Error('Twilio accepted the message without a sid');
    return { providerMessageId: reply.sid };
  }

  return {
    name: 'twilio',
    sendSms: (text) => send(text, 'sms'),
    sendWhatsApp: (text) => send(text, 'whatsapp'),
    async verifySignature(webhook) {
      if (!webhook.route.startsWith('twilio-')) return false;
      const { authToken } = await options.credentials();
      return twilioSignatureValid(authToken, webhook.url, form(webhook), webhook.headers['x-twilio-signature']);
    },
    parseInbound(webhook): InboundText[] {
      if (webhook.route !== 'twilio-sms' && webhook.route !== 'twilio-whatsapp') return [];
      const f = form(webhook);
      const id = f.get('MessageSid') ?? f.get('SmsSid');
      const from = f.get('From');
      const to = f.get('To');
      if (!id || !from || !to) return [];
      return [
        {
          channel: webhook.route === 'twilio-whatsapp' ? 'whatsapp' : channelOf(from),
          from: e164Of(from),
          to: e164Of(to),
          body: f.get('Body') ?? '',
          providerMessageId: id,
        },
      ];
    },
    parseStatus(webhook): TextStatusUpdate[] {
      if (webhook.route !== 'twilio-status') return [];
      const f = form(webhook);
      const id = f.get('MessageSid') ?? f.get('SmsSid');
      const to = f.get('To');
      const status = TWILIO_STATUS[f.get('MessageStatus') ?? ''];
      if (!id || !to || !status) return [];
      const error = f.get('ErrorCode');
      const ref = queryParam(webhook.url, 'ref');
      return [
        {
          channel: channelOf(to),
          providerMessageId: id,
          to: e164Of(to),
          status,
          ...(status === 'failed'
            ? { reason: error ? `Twilio error ${error}` : (f.get('MessageStatus') ?? 'failed') }
            : {}),
          ...(ref ? { ref } : {}),
        },
      ];
    },
    parseControl: () => undefined,
    async confirmSubscription() {
      throw new Error('Twilio has no subscriptions to confirm');
    },
  };
}
