import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readBody } from './http-util.ts';
import { readJsonFile, writeJsonFile } from './json-file.ts';

/** One captured email, as `GET /_dev/mail` lists it. */
export interface MailItem {
  id: string;
  /** the recipients (To), comma-separated */
  to: string;
  from: string;
  subject: string;
  text: string;
  html?: string;
  sentAt: string;
}

const MAX_ITEMS = 1000;
const SEND_EMAIL = '/v2/email/outbound-emails';
const ADDRESS = /^(?:[^<>]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/;

class SesFault extends Error {
  readonly type: string;
  readonly status: number;
  constructor(type: string, message: string, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

interface SendEmailBody {
  FromEmailAddress?: string;
  Destination?: { ToAddresses?: string[]; CcAddresses?: string[]; BccAddresses?: string[] };
  Content?: {
    Simple?: { Subject?: { Data?: string }; Body?: { Text?: { Data?: string }; Html?: { Data?: string } } };
    Raw?: unknown;
    Template?: unknown;
  };
}

/**
 * SESv2 on its REST-JSON protocol (what the SDK's SESv2Client speaks): `SendEmail` with simple content
 * captures the email into an outbox instead of sending it, answering `{MessageId}` as AWS does; bad
 * input is a 400 `BadRequestException`, other operations 404 `NotFoundException` naming the gap.
 * Persisted in `file`, like the SMS outbox.
 */
export class SesEmulator {
  readonly server: Server;
  private readonly items: MailItem[];
  private readonly file: string;

  constructor(file: string) {
    this.file = file;
    this.items = readJsonFile<{ items?: MailItem[] }>(file, {}).items ?? [];
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  /** Captured emails, newest first. */
  outbox(): MailItem[] {
    return [...this.items].reverse();
  }

  private capture(item: MailItem): void {
    this.items.push(item);
    if (this.items.length > MAX_ITEMS) this.items.splice(0, this.items.length - MAX_ITEMS);
    writeJsonFile(this.file, { items: this.items });
  }

  private sendEmail(body: SendEmailBody): string {
    const from = body.FromEmailAddress;
    if (!from || !ADDRESS.test(from))
      throw new SesFault('BadRequestException', 'FromEmailAddress must be an email address.');
    const to = body.Destination?.ToAddresses ?? [];
    if (to.length === 0 && !body.Destination?.CcAddresses?.length && !body.Destination?.BccAddresses?.length)
      throw new SesFault('BadRequestException', 'Destination needs at least one address.');
    const bad = to.find((a) => !ADDRESS.test(a));
    if (bad) throw new SesFault('BadRequestException', `Invalid address in ToAddresses: ${bad}`);
    const simple = body.Content?.Simple;
    if (!simple)
      throw new SesFault(
        'BadRequestException',
        body.Content?.Raw || body.Content?.Template
          ? "devstack's SES emulator captures Simple content only (no Raw or Template)."
          : 'Content is required.',
      );
    const subject = simple.Subject?.Data;
    if (!subject) throw new SesFault('BadRequestException', 'Content.Simple.Subject.Data is required.');
    const text = simple.Body?.Text?.Data;
    const html = simple.Body?.Html?.Data;
    if (!text && !html) throw new SesFault('BadRequestException', 'Content.Simple.Body needs Text or Html.');
    const id = `${randomUUID()}-devstack`;
    this.capture({
      id,
      to: to.join(', '),
      from,
      subject,
      text: text ?? '',
      ...(html ? { html } : {}),
      sentAt: new Date().toISOString(),
    });
    return id;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    let status = 200;
    let payload: unknown;
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-requestid': requestId };
    try {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (req.method !== 'POST' || path !== SEND_EMAIL)
        throw new SesFault(
          'NotFoundException',
          `devstack's SES emulator implements SendEmail only, not ${req.method} ${path}.`,
          404,
        );
      let body: SendEmailBody;
      try {
        body = JSON.parse((await readBody(req)) || '{}') as SendEmailBody;
      } catch {
        throw new SesFault('BadRequestException', 'The request body is not valid JSON.');
      }
      payload = { MessageId: this.sendEmail(body) };
    } catch (err) {
      const fault = err instanceof SesFault ? err : new SesFault('InternalFailure', (err as Error).message, 500);
      status = fault.status;
      headers['x-amzn-errortype'] = fault.type;
      payload = { message: fault.message };
    }
    res.writeHead(status, headers);
    res.end(JSON.stringify(payload));
  }
}
