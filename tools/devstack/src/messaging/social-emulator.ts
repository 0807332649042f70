import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readBody } from '../http-util.ts';
import { whatsappDisplayNumber } from './config.ts';
import type { OutboxItem, TextOutbox } from './outbox.ts';

class SocialFault extends Error {
  readonly type: string;
  readonly status: number;
  constructor(type: string, status: number, message: string) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

const E164 = /^\+?[1-9]\d{6,14}$/;

/** A WhatsApp message id as Meta makes them (`wamid.` and base64). */
export const wamid = () => `wamid.${randomBytes(24).toString('base64url')}`;

/**
 * AWS End User Messaging Social on restJson1 (what `@aws-sdk/client-socialmessaging` speaks), as
 * much as Parley uses: `SendWhatsAppMessage` (`POST /v1/whatsapp/send {originationPhoneNumberId,
 * message: base64 of Meta's message JSON, metaApiVersion}` → `{messageId}`) for text messages.
 * Errors carry `x-amzn-errortype`, so the SDK raises its own exception classes. A sent message
 * lands in the text outbox and `onSent` plays its status events. `AWS_ENDPOINT_URL_SOCIALMESSAGING`.
 */
export class SocialMessagingEmulator {
  readonly server: Server;
  private readonly texts: TextOutbox;
  private readonly onSent: (item: OutboxItem) => void;

  constructor(texts: TextOutbox, onSent: (item: OutboxItem) => void = () => {}) {
    this.texts = texts;
    this.onSent = onSent;
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  private send(input: Record<string, unknown>): OutboxItem {
    const origination = input.originationPhoneNumberId;
    if (typeof origination !== 'string' || !origination)
      throw new SocialFault('ValidationException', 400, 'originationPhoneNumberId is required.');
    const from = whatsappDisplayNumber(origination);
    if (!from) throw new SocialFault('ResourceNotFoundException', 404, `Phone number ${origination} not found.`);
    if (typeof input.metaApiVersion !== 'string' || !input.metaApiVersion)
      throw new SocialFault('ValidationException', 400, 'metaApiVersion is required.');
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(Buffer.from(String(input.message ?? ''), 'base64').toString('utf8'));
    } catch {
      throw new SocialFault('ValidationException', 400, 'message must be the base64 of a WhatsApp message JSON.');
    }
    if (message.messaging_product !== 'whatsapp')
      throw new SocialFault('InvalidParametersException', 400, 'messaging_product must be "whatsapp".');
    const to = typeof message.to === 'string' ? message.to : '';
    if (!E164.test(to))
      throw new SocialFault('InvalidParametersException', 400, `Invalid recipient phone number: ${to}`);
    const text = (message.text as { body?: unknown } | undefined)?.body;
    if (message.type !== 'text' || typeof text !== 'string' || !text)
      throw new SocialFault(
        'InvalidParametersException',
        400,
        "devstack's End User Messaging Social emulator sends text messages only: {type:'text', text:{body}}.",
      );
    return this.texts.add({
      id: wamid(),
      provider: 'aws',
      channel: 'whatsapp',
      to: to.startsWith('+') ? to : `+${to}`,
      from,
      body: text,
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': requestId, ...headers });
      res.end(JSON.stringify(body));
    };
    try {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (req.method !== 'POST' || path !== '/v1/whatsapp/send')
        throw new SocialFault(
          'UnknownOperationException',
          404,
          `devstack's End User Messaging Social emulator does not implement ${req.method} ${path}.`,
        );
      const raw = await readBody(req);
      let input: Record<string, unknown>;
      try {
        input = raw ? JSON.parse(raw) : {};
      } catch {
        throw new SocialFault('ValidationException', 400, 'The request body is not JSON.');
      }
      const item = this.send(input);
      reply(200, { messageId: item.id });
      this.onSent(item);
    } catch (err) {
      const e =
        err instanceof SocialFault ? err : new SocialFault('InternalServiceException', 500, (err as Error).message);
      reply(e.status, { message: e.message }, { 'x-amzn-errortype': e.type });
    }
  }
}
