/**
 * A MessagingStack on one origin with a fake notifications (a real HTTP server) that checks every
 * signature independently (node:crypto, the certificate fetched from SigningCertURL) and records what
 * came; shared by the texts-at-the-wire tests.
 */
import { createHmac, createVerify, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SocialMessagingClient } from '@aws-sdk/client-socialmessaging';
import { close, listen, readBody } from '../src/http-util.ts';
import type { MessagingProvider } from '../src/messaging/config.ts';
import { MessagingStack } from '../src/messaging/devstack.ts';

export const SID = 'AC00000000000000000000000000000000';
export const TOKEN = 'devstack-twilio-auth-token';
export const MESSAGES = `/_dev/twilio/2010-04-01/Accounts/${SID}/Messages.json`;
export const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** SNS: the envelope; Twilio: the form */
  sns?: Record<string, string>;
  form?: Record<string, string>;
  signatureValid?: boolean;
}

/** What SNS signs, written out here from AWS's documentation (not taken from the code under test). */
function snsStringToSign(m: Record<string, string>): string {
  const keys =
    m.Type === 'Notification'
      ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
      : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  return keys
    .filter((k) => m[k] !== undefined)
    .map((k) => `${k}\n${m[k]}\n`)
    .join('');
}

export async function verifySns(m: Record<string, string>): Promise<boolean> {
  const pem = await (await fetch(m.SigningCertURL as string)).text();
  new X509Certificate(pem); // a certificate, not just a key
  const algorithm = m.SignatureVersion === '1' ? 'RSA-SHA1' : 'RSA-SHA256';
  return createVerify(algorithm)
    .update(snsStringToSign(m))
    .verify(pem, m.Signature as string, 'base64');
}

function verifyTwilio(url: string, form: Record<string, string>, signature: string | undefined): boolean {
  const data = Object.keys(form)
    .sort()
    .map((k) => k + form[k])
    .join('');
  return (
    createHmac('sha1', TOKEN)
      .update(url + data)
      .digest('base64') === signature
  );
}

/** One origin: `/_dev/…` is the stack's, `/api/notifications/webhooks/…` a fake notifications. */
export async function harness(
  provider: MessagingProvider,
  options: { webhookStatus?: number; confirm?: boolean } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'devstack-texts-'));
  const received: Received[] = [];
  let origin = '';
  let stack: MessagingStack;
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    if (await stack.routeTwilio(req, res, url)) return;
    if (await stack.route(req, res, url)) return;
    if (url.pathname.startsWith('/api/notifications/webhooks/')) {
      const body = await readBody(req);
      const entry: Received = { path: url.pathname.slice('/api/notifications'.length), headers: req.headers, body };
      if (req.headers['x-twilio-signature']) {
        entry.form = Object.fromEntries(new URLSearchParams(body));
        entry.signatureValid = verifyTwilio(
          `${origin}${url.pathname}${url.search}`,
          entry.form,
          req.headers['x-twilio-signature'] as string,
        );
      } else {
        entry.sns = JSON.parse(body);
        entry.signatureValid = await verifySns(entry.sns as Record<string, string>);
        if (entry.sns?.Type === 'SubscriptionConfirmation' && options.confirm !== false && entry.signatureValid)
          await fetch(entry.sns.SubscribeURL as string);
      }
      received.push(entry);
      res.writeHead(options.webhookStatus ?? 200, { 'content-type': 'text/xml' });
      res.end('<?xml version="1.0" encoding="UTF-8"?><Response/>');
      return;
    }
    res.writeHead(404).end();
  });
  const port = await listen(server, 0);
  origin = `http://127.0.0.1:${port}`;
  stack = new MessagingStack({ dataDir: dir, provider, publicOrigin: () => origin, log: () => {}, statusDelayMs: 5 });
  const ports = await Promise.all(stack.servers.map((s) => listen(s, 0)));
  const [snsPort, socialPort, smsVoicePort] = ports as [number, number, number];
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  return {
    stack,
    origin,
    received,
    sns: new SNSClient({
      region: 'eu-central-1',
      endpoint: `http://127.0.0.1:${snsPort}`,
      credentials,
      maxAttempts: 1,
    }),
    social: new SocialMessagingClient({
      region: 'eu-central-1',
      endpoint: `http://127.0.0.1:${socialPort}`,
      credentials,
      maxAttempts: 1,
    }),
    smsVoice: new PinpointSMSVoiceV2Client({
      region: 'eu-central-1',
      endpoint: `http://127.0.0.1:${smsVoicePort}`,
      credentials,
      maxAttempts: 1,
    }),
    inbound: (body: unknown) =>
      fetch(`${origin}/_dev/sms/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    async close() {
      await stack.settled();
      await Promise.all([server, ...stack.servers].map((s) => close(s)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type Harness = Awaited<ReturnType<typeof harness>>;
