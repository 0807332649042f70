import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/** The identity signing-keys parameter (contract shared with services/identity). */
export interface SigningKeys {
  activeKid: string;
  keys: { kid: string; privateJwk: JWK; publicJwk: JWK; createdAt: string }[];
}

/** Generates one ES256 key pair in the signing-keys format, active. */
export async function generateSigningKeys(now = new Date()): Promise<SigningKeys> {
  const kid = `devstack-${now.toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const meta = { kid, alg: 'ES256', use: 'sig' };
  return {
    activeKid: kid,
    keys: [
      {
        kid,
        privateJwk: { ...(await exportJWK(privateKey)), ...meta },
        publicJwk: { ...(await exportJWK(publicKey)), ...meta },
        createdAt: now.toISOString(),
      },
    ],
  };
}
