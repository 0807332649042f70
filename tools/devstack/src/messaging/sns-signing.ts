import { createPrivateKey, createSign, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { readJsonFile, writeJsonFile } from '../json-file.ts';

/**
 * devstack's SNS signing identity: an RSA key and a self-signed X.509 certificate for it, made with
 * node:crypto alone (the certificate is assembled in DER below; no package). Kept in `file` so a
 * restart signs with the same certificate. Served at `/_dev/sns/cert/<name>.pem`, which
 * notifications trusts on stage `local` only (`SNS_DEV_CERT_ORIGIN`).
 */
export interface SigningIdentity {
  privateKey: KeyObject;
  certificatePem: string;
}

export function loadOrCreateSigningIdentity(file: string): SigningIdentity {
  const saved = readJsonFile<{ privateKeyPem?: string; certificatePem?: string }>(file, {});
  if (saved.privateKeyPem && saved.certificatePem) {
    return { privateKey: createPrivateKey(saved.privateKeyPem), certificatePem: saved.certificatePem };
  }
  const identity = createSigningIdentity();
  writeJsonFile(file, {
    privateKeyPem: identity.privateKey.export({ type: 'pkcs8', format: 'pem' }),
    certificatePem: identity.certificatePem,
  });
  return identity;
}

export function createSigningIdentity(commonName = 'sns.devstack.local'): SigningIdentity {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const sha256WithRsa = seq(oid([1, 2, 840, 113549, 1, 1, 11]), Buffer.from([0x05, 0x00]));
  const name = seq(set(seq(oid([2, 5, 4, 3]), tlv(0x0c, Buffer.from(commonName)))));
  const now = Date.now();
  const serial = randomBytes(16);
  serial[0] = (serial[0] as number) & 0x7f;
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))), // v3
    tlv(0x02, serial),
    sha256WithRsa,
    name,
    seq(utcTime(new Date(now - 86_400_000)), utcTime(new Date(now + 10 * 365 * 86_400_000))),
    name,
    spki,
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = seq(tbs, sha256WithRsa, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const body = der.toString('base64').replace(/.{1,64}/g, '$&\n');
  return { privateKey, certificatePem: `-----BEGIN CERTIFICATE-----\n${body}-----END CERTIFICATE-----\n` };
}

/** The fields of an SNS HTTP(S) delivery, as SNS posts them (JSON body). */
export interface SnsEnvelope {
  Type: 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  SignatureVersion: '1' | '2';
  Signature: string;
  SigningCertURL: string;
  Subject?: string;
  Token?: string;
  SubscribeURL?: string;
  UnsubscribeURL?: string;
}

/**
 * The string SNS signs: `Key\nValue\n` for each field in this order, per message type (AWS's
 * "Verifying the signatures of Amazon SNS messages"); Subject only when present.
 */
export function stringToSign(m: Omit<SnsEnvelope, 'Signature' | 'SignatureVersion' | 'SigningCertURL'>): string {
  const keys =
    m.Type === 'Notification'
      ? (['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] as const)
      : (['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'] as const);
  return keys
    .filter((k) => m[k] !== undefined)
    .map((k) => `${k}\n${m[k]}\n`)
    .join('');
}

/** Signature version 1 is SHA1withRSA, version 2 SHA256withRSA, both base64. */
export function signEnvelope(
  m: Omit<SnsEnvelope, 'Signature' | 'SignatureVersion' | 'SigningCertURL'>,
  version: '1' | '2',
  key: KeyObject,
): string {
  return createSign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256')
    .update(stringToSign(m), 'utf8')
    .sign(key, 'base64');
}

// ---- DER, just what a certificate needs ----
function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length =
    n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}
const seq = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => tlv(0x31, Buffer.concat(parts));
function oid(arcs: number[]): Buffer {
  const bytes = [40 * (arcs[0] as number) + (arcs[1] as number)];
  for (const arc of arcs.slice(2)) {
    const chunk = [arc & 0x7f];
    for (let v = arc >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}
function utcTime(d: Date): Buffer {
  const text = d.toISOString().replace(/[-:T]/g, '').slice(2, 14);
  return tlv(0x17, Buffer.from(`${text}Z`));
}
