import { ACCESS_TOKEN_TYPE } from '@parley/lambda/authorizer';
import { type CryptoKey, importJWK, type JWK, SignJWT } from 'jose';
import type { Clock, TokenSigner } from '../domain/ports.ts';
import type { SigningKeySet } from './signing-keys.ts';

export const ACCESS_TOKEN_SECONDS = 15 * 60;

export interface JoseSignerOptions {
  keys: () => Promise<SigningKeySet>;
  issuer: string;
  audience: string;
  clock: Clock;
  ttlSeconds?: number;
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

/** Public half of a JWK, whatever the stored `publicJwk` holds. */
function publicOnly(jwk: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(jwk).filter(([k]) => !PRIVATE_MEMBERS.includes(k)));
}

/**
 * TokenSigner with jose: ES256 access tokens, header `kid` and `typ: at+jwt`, claims iss, aud, sub,
 * sid, roles, iat, nbf, exp, jti. The JWKS lists every public key of the set, so tokens signed with a
 * key being rotated out still verify.
 */
export function joseTokenSigner(options: JoseSignerOptions): TokenSigner {
  const ttl = options.ttlSeconds ?? ACCESS_TOKEN_SECONDS;
  const imported = new Map<string, Promise<CryptoKey | Uint8Array>>();
  return {
    async sign({ userId, sessionId, roles }) {
      const set = await options.keys();
      const active = set.keys.find((k) => k.kid === set.activeKid);
      if (!active) throw new Error(`signing key ${set.activeKid} missing`);
      let key = imported.get(active.kid);
      if (!key) {
        key = importJWK(active.privateJwk as JWK, 'ES256');
        imported.set(active.kid, key);
      }
      const now = Math.floor(options.clock.now().getTime() / 1000);
      const token = await new SignJWT({ sid: sessionId, roles: [...roles] })
        .setProtectedHeader({ alg: 'ES256', kid: active.kid, typ: ACCESS_TOKEN_TYPE })
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setSubject(userId)
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + ttl)
        .setJti(crypto.randomUUID())
        .sign(await key);
      return { token, expiresIn: ttl };
    },
    async jwks() {
      const set = await options.keys();
      return {
        keys: set.keys.map((k) => ({ ...publicOnly(k.publicJwk), kid: k.kid, alg: 'ES256', use: 'sig' })),
      };
    },
  };
}
