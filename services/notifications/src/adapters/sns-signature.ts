import { createVerify, X509Certificate } from 'node:crypto';
import * as z from 'zod';

/**
 * SNS HTTP(S) deliveries: the envelope, its signature (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA,
 * over AWS's canonical string), and where a signing certificate or a SubscribeURL may come from.
 */

export const SnsEnvelope = z.object({
  Type: z.enum(['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation']),
  MessageId: z.string().min(1).max(128),
  TopicArn: z.string().min(1).max(512),
  Message: z.string(),
  Timestamp: z.string().min(1),
  SignatureVersion: z.enum(['1', '2']),
  Signature: z.string().min(1),
  SigningCertURL: z.string().min(1),
  Subject: z.string().optional(),
  Token: z.string().optional(),
  SubscribeURL: z.string().optional(),
  UnsubscribeURL: z.string().optional(),
});
export type SnsEnvelope = z.infer<typeof SnsEnvelope>;

/** The SNS envelope of a body, or undefined when it is not one. */
export function snsEnvelopeOf(body: string): SnsEnvelope | undefined {
  try {
    const parsed = SnsEnvelope.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** AWS's canonical string: `Key\nValue\n` for the signed keys of the message type, in byte order. */
export function snsCanonicalString(m: SnsEnvelope): string | undefined {
  const keys =
    m.Type === 'Notification'
      ? (['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] as const)
      : (['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'] as const);
  let out = '';
  for (const key of keys) {
    const value = m[key];
    if (value === undefined) {
      if (key === 'Subject') continue; // the only optional signed key
      return undefined;
    }
    out += `${key}\n${value}\n`;
  }
  return out;
}

const AWS_SNS_HOST = /^sns\.[a-z]{2}(-[a-z]+)+-\d\.amazonaws\.com$/;

function urlOf(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

/** `https://sns.<region>.amazonaws.com/…`: https, the exact host pattern, no port, no credentials. */
function isAwsSnsUrl(url: URL): boolean {
  return (
    url.protocol === 'https:' && AWS_SNS_HOST.test(url.hostname) && url.port === '' && !url.username && !url.password
  );
}

export interface SnsUrlRules {
  certUrlAllowed(raw: string): boolean;
  subscribeUrlAllowed(raw: string): boolean;
}

/**
 * Where SNS certificates and SubscribeURLs may be fetched from: `https://sns.<region>.amazonaws.com`
 * only (a certificate's path ends `.pem`). `devCertOrigin` (stage `local` only, devstack's emulator) adds
 * one trusted prefix for certificates and its origin for SubscribeURLs.
 */
export function snsUrlRules(devCertOrigin?: string): SnsUrlRules {
  const dev = devCertOrigin ? urlOf(devCertOrigin) : undefined;
  return {
    certUrlAllowed(raw) {
      const url = urlOf(raw);
      if (!url) return false;
      if (isAwsSnsUrl(url)) return url.pathname.endsWith('.pem') && url.search === '';
      return !!dev && url.origin === dev.origin && url.href.startsWith(dev.href);
    },
    subscribeUrlAllowed(raw) {
      const url = urlOf(raw);
      if (!url) return false;
      if (isAwsSnsUrl(url)) return true;
      return !!dev && url.origin === dev.origin;
    },
  };
}

export interface SnsVerifier {
  /** Whether the envelope's signature verifies against a certificate from an allowed URL. */
  verify(m: SnsEnvelope): Promise<boolean>;
}

/**
 * Verifies SNS signatures. Certificates are fetched only from allowed URLs (`rules`), once per URL per
 * container (a failed fetch is not kept), and must be within their validity dates.
 */
export function snsVerifier(
  rules: SnsUrlRules,
  fetchText: (url: string) => Promise<string> = defaultFetchText,
  now: () => Date = () => new Date(),
): SnsVerifier {
  const certs = new Map<string, Promise<X509Certificate>>();
  const certOf = (url: string) => {
    let cert = certs.get(url);
    if (!cert) {
      cert = fetchText(url).then((pem) => new X509Certificate(pem));
      cert.catch(() => certs.delete(url));
      certs.set(url, cert);
    }
    return cert;
  };
  return {
    async verify(m) {
      if (!rules.certUrlAllowed(m.SigningCertURL)) return false;
      const canonical = snsCanonicalString(m);
      if (canonical === undefined) return false;
      let cert: X509Certificate;
      try {
        cert = await certOf(m.SigningCertURL);
      } catch {
        return false;
      }
      const at = now();
      if (at < new Date(cert.validFrom) || at > new Date(cert.validTo)) return false;
      const verifier = createVerify(m.SignatureVersion === '1' ? 'RSA-SHA1' : 'RSA-SHA256');
      verifier.update(canonical, 'utf8');
      try {
        return verifier.verify(cert.publicKey, m.Signature, 'base64');
      } catch {
        return false;
      }
    },
  };
}

async function defaultFetchText(url: string): Promise<string> {
  const res = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
  return res.text();
}
