import { describe, expect, it } from 'vitest';
import { snsCanonicalString, snsUrlRules, snsVerifier } from '../src/adapters/sns-signature.ts';
import { CERT_URL, notification, signingIdentity, signSns, subscriptionConfirmation } from './sns-fixtures.ts';

const { keyPem, certPem } = signingIdentity();
const other = signingIdentity();

function verifierWith(pems: Record<string, string> = { [CERT_URL]: certPem }, devOrigin?: string, now?: () => Date) {
  const fetched: string[] = [];
  const fetchText = async (url: string) => {
    fetched.push(url);
    const pem = pems[url];
    if (!pem) throw new Error(`404 ${url}`);
    return pem;
  };
  return { verifier: snsVerifier(snsUrlRules(devOrigin), fetchText, now), fetched };
}

describe('SNS signature verification', () => {
  it('given a Notification signed with SignatureVersion 1 (SHA1withRSA), when verified, then it passes', async () => {
    const { verifier } = verifierWith();
    expect(await verifier.verify(signSns(keyPem, notification({ hello: 'world' }, { Subject: 'hi' }), '1'))).toBe(true);
  });

  it('given a Notification and a SubscriptionConfirmation signed with version 2 (SHA256withRSA), when verified, then both pass', async () => {
    const { verifier } = verifierWith();
    expect(await verifier.verify(signSns(keyPem, notification('plain text'), '2'))).toBe(true);
    expect(await verifier.verify(signSns(keyPem, subscriptionConfirmation(), '2'))).toBe(true);
  });

  it('given a signed message, when any signed field is changed afterwards, then it fails', async () => {
    const { verifier } = verifierWith();
    const n = signSns(keyPem, notification({ body: 'hi' }));
    const c = signSns(keyPem, subscriptionConfirmation());
    expect(await verifier.verify({ ...n, Message: '{"body":"HI"}' })).toBe(false);
    expect(await verifier.verify({ ...n, Subject: 'added later' })).toBe(false);
    expect(await verifier.verify({ ...n, TopicArn: `${n.TopicArn}-other` })).toBe(false);
    expect(await verifier.verify({ ...c, SubscribeURL: 'https://sns.eu-central-1.amazonaws.com/?other' })).toBe(false);
    expect(await verifier.verify({ ...c, Token: 'another' })).toBe(false);
  });

  it('given a v1 signature relabelled as v2, or one made with another key, when verified, then it fails', async () => {
    const { verifier } = verifierWith();
    expect(await verifier.verify({ ...signSns(keyPem, notification('x'), '1'), SignatureVersion: '2' })).toBe(false);
    expect(await verifier.verify(signSns(other.keyPem, notification('x')))).toBe(false);
    expect(await verifier.verify({ ...signSns(keyPem, notification('x')), Signature: 'not base64 at all' })).toBe(
      false,
    );
  });

  it('given a certificate URL off the SNS host pattern or not https, when verified, then it fails without fetching', async () => {
    const urls = [
      'http://sns.eu-central-1.amazonaws.com/cert.pem',
      'https://sns.eu-central-1.amazonaws.com.evil.example/cert.pem',
      'https://evil.example/sns.eu-central-1.amazonaws.com/cert.pem',
      'https://sns.eu-central-1.amazonaws.com:8443/cert.pem',
      'https://user@sns.eu-central-1.amazonaws.com/cert.pem',
      'https://sns.eu-central-1.amazonaws.com/cert.txt',
      'https://sqs.eu-central-1.amazonaws.com/cert.pem',
      'not a url',
    ];
    const { verifier, fetched } = verifierWith(Object.fromEntries(urls.map((u) => [u, certPem])));
    for (const url of urls)
      expect(await verifier.verify(signSns(keyPem, notification('x', { SigningCertURL: url }))), url).toBe(false);
    expect(fetched).toEqual([]);
  });

  it('given the devstack certificate origin, when configured, then a certificate under it is trusted; when not, it is refused', async () => {
    const devCert = 'http://localhost:3000/_dev/sns/cert/devstack.pem';
    const signed = signSns(keyPem, notification('x', { SigningCertURL: devCert }));
    expect(
      await verifierWith({ [devCert]: certPem }, 'http://localhost:3000/_dev/sns/cert').verifier.verify(signed),
    ).toBe(true);
    expect(await verifierWith({ [devCert]: certPem }).verifier.verify(signed)).toBe(false);
    const elsewhere = signSns(
      keyPem,
      notification('x', { SigningCertURL: 'http://localhost:3000/other/devstack.pem' }),
    );
    expect(
      await verifierWith(
        { [elsewhere.SigningCertURL]: certPem },
        'http://localhost:3000/_dev/sns/cert',
      ).verifier.verify(elsewhere),
    ).toBe(false);
  });

  it('given two messages signed with one certificate, when verified, then the certificate is fetched once', async () => {
    const { verifier, fetched } = verifierWith();
    await verifier.verify(signSns(keyPem, notification('a')));
    await verifier.verify(signSns(keyPem, notification('b')));
    expect(fetched).toEqual([CERT_URL]);
  });

  it('given a certificate past its validity, when verified, then it fails', async () => {
    const { verifier } = verifierWith(undefined, undefined, () => new Date(Date.now() + 30 * 86_400_000));
    expect(await verifier.verify(signSns(keyPem, notification('x')))).toBe(false);
  });

  it('given the canonical string rules, when a Notification has no Subject, then Subject is left out; a confirmation without Token cannot be signed', () => {
    const n = { ...notification('m'), SignatureVersion: '2', Signature: 's', SigningCertURL: CERT_URL } as const;
    expect(snsCanonicalString(n)).toBe(
      `Message\nm\nMessageId\n${n.MessageId}\nTimestamp\n${n.Timestamp}\nTopicArn\n${n.TopicArn}\nType\nNotification\n`,
    );
    const c = {
      ...subscriptionConfirmation(),
      Token: undefined,
      SignatureVersion: '2',
      Signature: 's',
      SigningCertURL: CERT_URL,
    } as const;
    expect(snsCanonicalString(c)).toBeUndefined();
  });
});

describe('SNS SubscribeURL rule', () => {
  it('given SubscribeURLs, when checked, then only https on an sns.<region>.amazonaws.com host (or the devstack origin) is allowed', () => {
    const aws = snsUrlRules();
    expect(aws.subscribeUrlAllowed('https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription')).toBe(true);
    expect(aws.subscribeUrlAllowed('http://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription')).toBe(false);
    expect(aws.subscribeUrlAllowed('https://169.254.169.254/latest/meta-data')).toBe(false);
    expect(aws.subscribeUrlAllowed('http://localhost:3000/_dev/sns/confirm?x=1')).toBe(false);
    const dev = snsUrlRules('http://localhost:3000/_dev/sns/cert');
    expect(dev.subscribeUrlAllowed('http://localhost:3000/_dev/sns/confirm?x=1')).toBe(true);
    expect(dev.subscribeUrlAllowed('http://localhost:3001/_dev/sns/confirm?x=1')).toBe(false);
  });
});
