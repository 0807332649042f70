import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readBody } from './http-util.ts';
import { type OutboxItem, TextOutbox } from './messaging/outbox.ts';

export type { OutboxItem } from './messaging/outbox.ts';

const NS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const E164 = /^\+[1-9]\d{6,14}$/;

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

class SnsFault extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * SNS for SMS on the Query protocol (what the SDK's SNSClient speaks): `Publish` with `PhoneNumber`
 * and `Message` captures the text into an outbox instead of sending it; `SetSMSAttributes`,
 * `GetSMSAttributes` and `CheckIfPhoneNumberIsOptedOut` answer as AWS would. Persisted in `file`
 * (or into the shared text outbox, whose `onSent` then plays the delivery events).
 */
export class SnsEmulator {
  readonly server: Server;
  private readonly texts: TextOutbox;
  private readonly attributes: Record<string, string> = {};
  private readonly onSent: (item: OutboxItem) => void;

  constructor(target: string | TextOutbox, options: { onSent?: (item: OutboxItem) => void } = {}) {
    this.texts = typeof target === 'string' ? new TextOutbox(target) : target;
    this.onSent = options.onSent ?? (() => {});
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  /** Captured messages (every provider's, when the outbox is shared), oldest first. */
  outbox(): readonly OutboxItem[] {
    return this.texts.list();
  }

  private operation(action: string, params: URLSearchParams): string {
    switch (action) {
      case 'Publish': {
        const phoneNumber = params.get('PhoneNumber');
        const message = params.get('Message');
        if (!phoneNumber)
          throw new SnsFault('InvalidParameter', "devstack's SNS emulator captures SMS only: PhoneNumber is required.");
        if (!E164.test(phoneNumber))
          throw new SnsFault('InvalidParameter', 'Invalid parameter: PhoneNumber Reason: must be E.164');
        if (!message) throw new SnsFault('InvalidParameter', 'Invalid parameter: Empty message');
        const id = randomUUID();
        const attrs = messageAttributes(params);
        const senderId = attrs['AWS.SNS.SMS.SenderID'];
        // a conversation reply names the Parley number it leaves from; otherwise the sender id, if any
        const origination = attrs['AWS.MM.SMS.OriginationNumber'];
        if (origination !== undefined && !E164.test(origination))
          throw new SnsFault('InvalidParameter', 'Invalid parameter: AWS.MM.SMS.OriginationNumber must be E.164');
        const from = origination ?? senderId;
        const item = this.texts.add({
          id,
          provider: 'aws',
          channel: 'sms',
          to: phoneNumber,
          body: message,
          ...(from ? { from } : {}),
          ...(senderId ? { senderId } : {}),
          ...(attrs['AWS.SNS.SMS.SMSType'] ? { smsType: attrs['AWS.SNS.SMS.SMSType'] } : {}),
        });
        this.onSent(item);
        return `<MessageId>${id}</MessageId>`;
      }
      case 'SetSMSAttributes': {
        for (const [key, value] of mapEntries(params, 'attributes')) this.attributes[key] = value;
        return '';
      }
      case 'GetSMSAttributes': {
        const entries = Object.entries(this.attributes)
          .map(([k, v]) => `<entry><key>${escapeXml(k)}</key><value>${escapeXml(v)}</value></entry>`)
          .join('');
        return `<attributes>${entries}</attributes>`;
      }
      case 'CheckIfPhoneNumberIsOptedOut':
        return '<isOptedOut>false</isOptedOut>';
      default:
        throw new SnsFault('InvalidAction', `devstack's SNS emulator does not implement ${action}.`);
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    let status = 200;
    let xml: string;
    try {
      const params = new URLSearchParams(await readBody(req));
      const action = params.get('Action') ?? '';
      const result = this.operation(action, params);
      xml = `<${action}Response xmlns="${NS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
    } catch (err) {
      const fault = err instanceof SnsFault ? err : new SnsFault('InternalError', (err as Error).message);
      status = fault.code === 'InternalError' ? 500 : 400;
      xml = `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${fault.code}</Code><Message>${escapeXml(fault.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
    }
    res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
    res.end(`<?xml version="1.0"?>\n${xml}`);
  }
}

/** Query-protocol maps: `attributes.entry.1.key=…&attributes.entry.1.value=…`. */
function mapEntries(params: URLSearchParams, prefix: string): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 1; params.has(`${prefix}.entry.${i}.key`); i++) {
    out.push([params.get(`${prefix}.entry.${i}.key`) as string, params.get(`${prefix}.entry.${i}.value`) ?? '']);
  }
  return out;
}

/** `MessageAttributes.entry.N.Name` / `.Value.StringValue` → name → string value. */
function messageAttributes(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 1; params.has(`MessageAttributes.entry.${i}.Name`); i++) {
    out[params.get(`MessageAttributes.entry.${i}.Name`) as string] =
      params.get(`MessageAttributes.entry.${i}.Value.StringValue`) ?? '';
  }
  return out;
}
