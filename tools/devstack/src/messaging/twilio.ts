import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http-util.ts';
import { PARLEY_NUMBERS, TWILIO } from './config.ts';
import type { OutboxItem, TextOutbox } from './outbox.ts';

/**
 * `X-Twilio-Signature`: base64 of HMAC-SHA1, keyed with the auth token, over the full URL Twilio
 * requested followed by every POST parameter's name and value, sorted by name.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** Twilio's ids: two letters and 32 hex digits (`SM…` a message, `MG…` a messaging service). */
export const twilioSid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;

const E164 = /^\+[1-9]\d{6,14}$/;
const SERVICE_SID = /^MG[0-9a-f]{32}$/;
const API_VERSION = '2010-04-01';
const MESSAGES = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages(?:\/([^/]+))?\.json$/;

/** Twilio's RFC 2822 dates: `Wed, 02 Dec 2026 15:04:05 +0000`. */
const rfc2822 = (iso: string) => new Date(iso).toUTCString().replace('GMT', '+0000');

class TwilioFault extends Error {
  readonly status: number;
  readonly code: number;
  constructor(status: number, code: number, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * Twilio's Programmable Messaging API, as much as Parley uses: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`
 * (form `To`, `From` or `MessagingServiceSid`, `Body`, `StatusCallback`; HTTP Basic auth with the account
 * sid and auth token) and `GET …/Messages/{Sid}.json`. Answers and errors in Twilio's JSON shapes
 * (`{code, message, more_info, status}`); a sent message lands in the text outbox and `onSent`
 * plays its status callbacks. Served by the origin under `/_dev/twilio` (TWILIO_API_BASE_URL).
 */
export class TwilioEmulator {
  private readonly texts: TextOutbox;
  private readonly onSent: (item: OutboxItem, statusCallback: string | undefined) => void;
  /** the StatusCallback each message asked for */
  private readonly callbacks = new Map<string, string>();

  constructor(texts: TextOutbox, onSent: (item: OutboxItem, statusCallback: string | undefined) => void) {
    this.texts = texts;
    this.onSent = onSent;
  }

  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    try {
      const match = MESSAGES.exec(path);
      if (!match) throw new TwilioFault(404, 20404, `The requested resource ${path} was not found`);
      const [, accountSid, messageSid] = match;
      authenticate(req, accountSid as string);
      if (req.method === 'GET' && messageSid) {
        const item = this.texts.get(messageSid);
        if (item?.provider !== 'twilio')
          throw new TwilioFault(404, 20404, `The requested resource ${path} was not found`);
        return reply(res, 200, this.resource(item));
      }
      if (req.method !== 'POST' || messageSid) throw new TwilioFault(405, 20004, 'Method not allowed');
      const form = new URLSearchParams(await readBody(req));
      const item = this.send(form);
      const statusCallback = form.get('StatusCallback') ?? undefined;
      if (statusCallback) this.callbacks.set(item.id, statusCallback);
      reply(res, 201, this.resource(item, form.get('MessagingServiceSid') ?? undefined));
      this.onSent(item, statusCallback);
    } catch (err) {
      const fault = err instanceof TwilioFault ? err : new TwilioFault(500, 20500, (err as Error).message);
      reply(res, fault.status, {
        code: fault.code,
        message: fault.message,
        more_info: `https://www.twilio.com/docs/errors/${fault.code}`,
        status: fault.status,
      });
    }
  }

  statusCallbackOf(id: string): string | undefined {
    return this.callbacks.get(id);
  }

  private send(form: URLSearchParams): OutboxItem {
    const rawTo = form.get('To');
    const rawFrom = form.get('From');
    const service = form.get('MessagingServiceSid');
    const body = form.get('Body');
    if (!rawTo) throw new TwilioFault(400, 21604, "A 'To' phone number is required.");
    const whatsapp = rawTo.startsWith('whatsapp:');
    const to = rawTo.replace(/^whatsapp:/, '');
    if (!E164.test(to)) throw new TwilioFault(400, 21211, `The 'To' number ${rawTo} is not a valid phone number.`);
    if (!rawFrom && !service)
      throw new TwilioFault(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required.");
    if (service && !SERVICE_SID.test(service))
      throw new TwilioFault(400, 21701, `The Messaging Service Sid ${service} is invalid.`);
    const from = rawFrom ? rawFrom.replace(/^whatsapp:/, '') : undefined;
    if (rawFrom && whatsapp !== rawFrom.startsWith('whatsapp:'))
      throw new TwilioFault(400, 21910, 'Invalid From and To pair. From and To should be of the same channel.');
    if (from && from !== TWILIO.number && !PARLEY_NUMBERS.includes(from)) {
      if (whatsapp)
        throw new TwilioFault(
          400,
          63007,
          `Twilio could not find a Channel with the specified From address: ${rawFrom}`,
        );
      throw new TwilioFault(
        400,
        21606,
        `The From phone number ${rawFrom} is not a valid, SMS-capable inbound phone number or short code for your account.`,
      );
    }
    if (!body) throw new TwilioFault(400, 21602, 'Message body is required.');
    if (body.length > 1600)
      throw new TwilioFault(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    return this.texts.add({
      id: twilioSid('SM'),
      provider: 'twilio',
      channel: whatsapp ? 'whatsapp' : 'sms',
      to,
      from: from ?? TWILIO.number,
      body,
    });
  }

  private resource(item: OutboxItem, messagingServiceSid?: string) {
    const prefix = item.channel === 'whatsapp' ? 'whatsapp:' : '';
    const uri = `/${API_VERSION}/Accounts/${TWILIO.accountSid}/Messages/${item.id}.json`;
    const status =
      item.status === 'failed'
        ? 'undelivered'
        : item.status === 'queued' && messagingServiceSid
          ? 'accepted'
          : item.status;
    return {
      account_sid: TWILIO.accountSid,
      api_version: API_VERSION,
      body: item.body,
      date_created: rfc2822(item.at),
      date_sent: item.status === 'queued' ? null : rfc2822(item.statusAt ?? item.at),
      date_updated: rfc2822(item.statusAt ?? item.at),
      direction: 'outbound-api',
      error_code: item.status === 'failed' ? 30003 : null,
      error_message: item.status === 'failed' ? 'Unreachable destination handset' : null,
      from: messagingServiceSid ? null : `${prefix}${item.from}`,
      messaging_service_sid: messagingServiceSid ?? null,
      num_media: '0',
      num_segments: String(Math.max(1, Math.ceil(item.body.length / 153))),
      price: null,
      price_unit: 'USD',
      sid: item.id,
      status,
      subresource_uris: { media: uri.replace(/\.json$/, '/Media.json') },
      to: `${prefix}${item.to}`,
      uri,
    };
  }
}

/** HTTP Basic `AccountSid:AuthToken`; the account in the path must be the caller's (20003 otherwise, as Twilio). */
function authenticate(req: IncomingMessage, accountSid: string): void {
  const header = req.headers.authorization ?? '';
  const decoded = header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString('utf8') : '';
  const [user, password] = [decoded.slice(0, decoded.indexOf(':')), decoded.slice(decoded.indexOf(':') + 1)];
  if (user !== TWILIO.accountSid || password !== TWILIO.authToken || accountSid !== TWILIO.accountSid) {
    throw new TwilioFault(401, 20003, 'Authenticate');
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
