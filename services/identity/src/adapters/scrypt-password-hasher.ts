import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import type { PasswordHasher } from '../domain/ports.ts';

/** ASVS 5.0 appendix C: scrypt N=2^17 (128 MiB), r=8, p=1. */
export const SCRYPT_PRODUCTION = { log2N: 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

interface Params {
  log2N: number;
  r: number;
  p: number;
}

function derive(password: string, salt: Buffer, params: Params): Promise<Buffer> {
  const N = 2 ** params.log2N;
  // Node refuses more than 32 MiB by default; N=2^17, r=8 needs 128 MiB (128·N·r): allow twice that.
  const maxmem = 256 * N * params.r;
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFKC'), salt, KEY_LENGTH, { N, r: params.r, p: params.p, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

const encode = (params: Params, salt: Buffer, key: Buffer) =>
  `scrypt$${params.log2N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;

function decode(stored: string): { params: Params; salt: Buffer; key: Buffer } | undefined {
  const [alg, log2N, r, p, salt, key] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !key) return undefined;
  const params = { log2N: Number(log2N), r: Number(r), p: Number(p) };
  if (![params.log2N, params.r, params.p].every((n) => Number.isInteger(n) && n > 0 && n < 32)) return undefined;
  return { params, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
}

export interface ScryptOptions {
  /**
   * Test-only: a cheaper cost (log2 of N) so that unit tests of use cases run fast.
   * Production wiring never passes it; integration tests run the real parameters.
   */
  testOnlyLog2N?: number;
}

/**
 * PasswordHasher with scrypt. Hashes record their parameters (`scrypt$17$8$1$salt$key`) so that a
 * later cost increase still verifies old hashes. Comparison is constant-time.
 */
export function scryptPasswordHasher(options: ScryptOptions = {}): PasswordHasher {
  const params: Params = { ...SCRYPT_PRODUCTION, ...(options.testOnlyLog2N ? { log2N: options.testOnlyLog2N } : {}) };
  let dummy: Promise<string> | undefined;
  const hash = async (password: string) => {
    const salt = randomBytes(SALT_LENGTH);
    return encode(params, salt, await derive(password, salt, params));
  };
  const verify = async (password: string, stored: string) => {
    const decoded = decode(stored);
    if (!decoded) return false;
    const key = await derive(password, decoded.salt, decoded.params);
    return key.length === decoded.key.length && timingSafeEqual(key, decoded.key);
  };
  return {
    hash,
    verify,
    async verifyDummy(password) {
      dummy ??= hash(randomBytes(18).toString('base64'));
      await verify(password, await dummy);
      return false;
    },
  };
}
