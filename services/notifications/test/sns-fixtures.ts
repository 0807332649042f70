import { execFileSync } from 'node:child_process';
import { createSign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SnsEnvelope, snsCanonicalString } from '../src/adapters/sns-signature.ts';

/** An RSA key and a self-signed certificate for it (openssl), standing in for SNS's signing certificate. */
export function signingIdentity(): { keyPem: string; certPem: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sns-cert-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '2',
        '-subj',
        '/CN=sns.amazonaws.com',
      ],
      { stdio: 'ignore' },
    );
    return { keyPem: readFileSync(key, 'utf8'), certPem: readFileSync(cert, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const CERT_URL = 'https://sns.eu-central-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem';
export const TOPIC = 'arn:aws:sns:eu-central-1:123456789012:parley-ci-sms-inbound';

type Unsigned = Omit<SnsEnvelope, 'Signature' | 'SignatureVersion' | 'SigningCertURL'> &
  Partial<Pick<SnsEnvelope, 'SigningCertURL'>>;

/** Signs an SNS message as SNS does: AWS's canonical string, SHA1withRSA (v1) or SHA256withRSA (v2). */
export function signSns(keyPem: string, message: Unsigned, version: '1' | '2' = '2'): SnsEnvelope {
  const unsigned = { SigningCertURL: CERT_URL, ...message, SignatureVersion: version, Signature: 'x' } as SnsEnvelope;
  const canonical = snsCanonicalString(unsigned);
  if (canonical === undefined) throw new Error('message lacks a signed key');
  const signer = createSign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256');
  signer.update(canonical, 'utf8');
  return { ...unsigned, Signature: signer.sign(keyPem, 'base64') };
}

export const notification = (message: unknown, extra: Partial<Unsigned> = {}): Unsigned => ({
  Type: 'Notification',
  MessageId: 'b9f2c1de-0000-4000-8000-000000000001',
  TopicArn: TOPIC,
  Message: typeof message === 'string' ? message : JSON.stringify(message),
  Timestamp: '2026-12-02T10:00:00.000Z',
  UnsubscribeURL: 'https://sns.eu-central-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=x',
  ...extra,
});

export const subscriptionConfirmation = (extra: Partial<Unsigned> = {}): Unsigned => ({
  Type: 'SubscriptionConfirmation',
  MessageId: 'c0ffee00-0000-4000-8000-000000000002',
  TopicArn: TOPIC,
  Token: '2336412f37fb687f5d51e6e2425dacbba',
  Message: `You have chosen to subscribe to the topic ${TOPIC}.`,
  SubscribeURL: `https://sns.eu-central-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${TOPIC}&Token=2336412f`,
  Timestamp: '2026-12-02T10:00:00.000Z',
  ...extra,
});
