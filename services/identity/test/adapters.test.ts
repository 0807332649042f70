import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { verifyAccessToken } from '@parley/lambda/authorizer';
import { mockClient } from 'aws-sdk-client-mock';
import { createLocalJWKSet, decodeProtectedHeader, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { joseTokenSigner } from '../src/adapters/jose-token-signer.ts';
import { SCRYPT_PRODUCTION, scryptPasswordHasher } from '../src/adapters/scrypt-password-hasher.ts';
import { ssmSigningKeys } from '../src/adapters/signing-keys.ts';
import { fixedClock, TEST_ISSUER, testKeySet } from './support/memory.ts';

describe('scrypt password hasher', () => {
  it('by default uses N=2^17, r=8, p=1 and verifies only the right password', async () => {
    expect(SCRYPT_PRODUCTION).toEqual({ log2N: 17, r: 8, p: 1 });
    const hasher = scryptPasswordHasher();
    const stored = await hasher.hash('correct horse battery');
    expect(stored).toMatch(/^scrypt\$17\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await hasher.verify('correct horse battery', stored)).toBe(true);
    expect(await hasher.verify('correct horse batterY', stored)).toBe(false);
  }, 30_000);

  it('verifies a hash by the parameters it records, and refuses malformed ones', async () => {
    const cheap = scryptPasswordHasher({ testOnlyLog2N: 10 });
    const stored = await cheap.hash('pässwörd-ünïcode');
    expect(await scryptPasswordHasher().verify('pässwörd-ünïcode', stored)).toBe(true);
    expect(await cheap.verify('x', 'bcrypt$whatever')).toBe(false);
    expect(await cheap.verify('x', 'scrypt$99$8$1$AA==$AA==')).toBe(false);
    expect(await cheap.verifyDummy('anything')).toBe(false);
  });
});

describe('signing keys from SSM', () => {
  it('reads the SecureString decrypted, once per cache period', async () => {
    const keys = await testKeySet();
    const ssm = mockClient(SSMClient);
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: JSON.stringify(keys) } });
    const load = ssmSigningKeys(new SSMClient({ region: 'eu-central-1' }), '/parley/test/identity/signing-keys');
    expect(await load()).toEqual(keys);
    await load();
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(1);
    expect(ssm.commandCalls(GetParameterCommand)[0]?.args[0].input).toEqual({
      Name: '/parley/test/identity/signing-keys',
      WithDecryption: true,
    });
    ssm.restore();
  });

  it('refuses a parameter whose activeKid is not among its keys', async () => {
    const keys = await testKeySet();
    const ssm = mockClient(SSMClient);
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: JSON.stringify({ ...keys, activeKid: 'other' }) } });
    const load = ssmSigningKeys(new SSMClient({ region: 'eu-central-1' }), '/p');
    await expect(load()).rejects.toThrow(/activeKid/);
    ssm.restore();
  });
});

describe('jose token signer', () => {
  it('signs ES256 at+jwt tokens with kid that the shared authorizer accepts', async () => {
    const keys = await testKeySet();
    const signer = joseTokenSigner({
      keys: async () => keys,
      issuer: TEST_ISSUER,
      audience: 'parley',
      clock: fixedClock(),
    });
    const { token, expiresIn } = await signer.sign({ userId: 'u1', sessionId: 's1', roles: ['user'] });
    expect(expiresIn).toBe(900);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid: 'test-1', typ: 'at+jwt' });
    const jwks = createLocalJWKSet((await signer.jwks()) as { keys: JWK[] });
    expect(await verifyAccessToken(token, { jwks, issuer: TEST_ISSUER, audience: 'parley' })).toEqual({
      userId: 'u1',
      roles: ['user'],
      sessionId: 's1',
    });
  });

  it('publishes every public key of the set and never a private member', async () => {
    const a = await testKeySet();
    const b = await testKeySet();
    const set = { activeKid: 'new', keys: [a.keys[0], { ...b.keys[0], kid: 'new', publicJwk: b.keys[0]?.privateJwk }] };
    const signer = joseTokenSigner({
      keys: async () => set as typeof a,
      issuer: TEST_ISSUER,
      audience: 'parley',
      clock: fixedClock(),
    });
    const { keys } = await signer.jwks();
    expect(keys.map((k) => k.kid)).toEqual(['test-1', 'new']);
    for (const k of keys) expect(k).not.toHaveProperty('d');
  });
});
