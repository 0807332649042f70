import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { STAGE } from '../constants.ts';
import { readBody } from '../http-util.ts';
import { PARLEY_NUMBERS } from './config.ts';
import type { OutboxItem, TextOutbox } from './outbox.ts';

class SmsVoiceFault extends Error {
  readonly type: string;
  readonly status: number;
  constructor(type: string, status: number, message: string) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

const E164 = /^\+[1-9]\d{6,14}$/;
/** End User Messaging SMS takes up to 1,600 characters in one SendTextMessage. */
const MAX_BODY = 1600;
const TARGET_PREFIX = 'PinpointSMSVoiceV2.';

/**
 * The configuration sets of devstack's account: notifications' (`SMS_CONFIGURATION_SET`), whose one
 * event destination is the text-events SNS topic, as the stage's CloudFormation makes it.
 */
export const CONFIGURATION_SETS: readonly string[] = [`parley-${STAGE}-texts`];

/**
 * AWS End User Messaging SMS (`pinpoint-sms-voice-v2`) on awsJson1_0 (what
 * `@aws-sdk/client-pinpoint-sms-voice-v2` speaks: `POST /` with `X-Amz-Target:
 * PinpointSMSVoiceV2.<Operation>`), as much as Parley uses: `SendTextMessage {DestinationPhoneNumber,
 * OriginationIdentity, MessageBody, MessageType?, ConfigurationSetName?, Context?}` → `{MessageId}`.
 * The origination identity must be one of the account's numbers (the emulated carrier's pool), the
 * configuration set one the account has; errors carry `__type` and `x-amzn-errortype`, so the SDK
 * raises its own exception classes. A sent text lands in the text outbox with its configuration set
 * and context, and `onSent` plays its events to the set's event destination.
 * `AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2`.
 */
export class SmsVoiceEmulator {
  readonly server: Server;
  private readonly texts: TextOutbox;
  private readonly onSent: (item: OutboxItem) => void;

  constructor(texts: TextOutbox, onSent: (item: OutboxItem) => void = () => {}) {
    this.texts = texts;
    this.onSent = onSent;
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  private sendText(input: Record<string, unknown>): OutboxItem {
    const to = input.DestinationPhoneNumber;
    if (typeof to !== 'string' || !E164.test(to))
      throw new SmsVoiceFault('ValidationException', 400, 'DestinationPhoneNumber must be an E.164 phone number.');
    const from = input.OriginationIdentity;
    if (typeof from !== 'string' || !from)
      throw new SmsVoiceFault('ValidationException', 400, 'OriginationIdentity is required.');
    if (!PARLEY_NUMBERS.includes(from))
      throw new SmsVoiceFault(
        'ResourceNotFoundException',
        404,
        `Origination identity ${from} is not a phone number, sender id or pool of this account.`,
      );
    const body = input.MessageBody;
    if (typeof body !== 'string' || !body)
      throw new SmsVoiceFault('ValidationException', 400, 'MessageBody is required.');
    if (body.length > MAX_BODY)
      throw new SmsVoiceFault('ValidationException', 400, `MessageBody is longer than ${MAX_BODY} characters.`);
    const messageType = input.MessageType ?? 'TRANSACTIONAL';
    if (messageType !== 'TRANSACTIONAL' && messageType !== 'PROMOTIONAL')
      throw new SmsVoiceFault('ValidationException', 400, 'MessageType must be TRANSACTIONAL or PROMOTIONAL.');
    const set = input.ConfigurationSetName;
    if (set !== undefined && (typeof set !== 'string' || !CONFIGURATION_SETS.includes(set)))
      throw new SmsVoiceFault('ResourceNotFoundException', 404, `Configuration set ${String(set)} does not exist.`);
    const context = input.Context;
    if (
      context !== undefined &&
      (typeof context !== 'object' ||
        context === null ||
        Object.keys(context).length > 5 ||
        Object.values(context).some((v) => typeof v !== 'string'))
    )
      throw new SmsVoiceFault('ValidationException', 400, 'Context is a map of at most 5 string values.');
    return this.texts.add({
      id: randomUUID(),
      provider: 'aws',
      channel: 'sms',
      to,
      from,
      body,
      smsType: messageType === 'PROMOTIONAL' ? 'Promotional' : 'Transactional',
      ...(typeof set === 'string' ? { configurationSet: set } : {}),
      ...(context ? { context: context as Record<string, string> } : {}),
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-requestid': requestId,
        ...headers,
      });
      res.end(JSON.stringify(body));
    };
    try {
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
      if (req.method !== 'POST' || operation !== 'SendTextMessage')
        throw new SmsVoiceFault(
          'UnknownOperationException',
          400,
          `devstack's End User Messaging SMS emulator does not implement ${operation || `${req.method} ${req.url}`}.`,
        );
      const raw = await readBody(req);
      let input: Record<string, unknown>;
      try {
        input = raw ? JSON.parse(raw) : {};
      } catch {
        throw new SmsVoiceFault('SerializationException', 400, 'The request body is not JSON.');
      }
      const item = this.sendText(input);
      reply(200, { MessageId: item.id });
      this.onSent(item);
    } catch (err) {
      const e =
        err instanceof SmsVoiceFault ? err : new SmsVoiceFault('InternalServerException', 500, (err as Error).message);
      reply(e.status, { __type: e.type, message: e.message }, { 'x-amzn-errortype': e.type });
    }
  }
}
