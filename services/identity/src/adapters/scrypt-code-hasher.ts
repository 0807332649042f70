import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import type { CodeHasher } from '../domain/mobile-verification.ts';

// A 6-digit code has only 10^6 values, so any fast hash is reversed at once from a leaked item. Salted
// scrypt at N=2^14 (16 MiB, tens of ms) makes trying them all take hours, far beyond the code's 10 minutes,
// while staying cheap for the one hash per request and one per try.
const N = 2 ** 14;
const R = 8;
const KEY_LENGTH = 32;

function derive(code: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(code, salt, KEY_LENGTH, { N, r: R, p: 1, maxmem: 256 * N * R }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** CodeHasher with salted scrypt (`salt$key`, base64); comparison is constant-time. */
export function scryptCodeHasher(): CodeHasher {
  return {
    async hash(code) {
      const salt = randomBytes(16);
      return `${salt.toString('base64')}$${(await derive(code, salt)).toString('base64')}`;
    },
    async verify(code, stored) {
      const [salt, key] = stored.split('$');
      if (!salt || !key) return false;
      const expected = Buffer.from(key, 'base64');
      const actual = await derive(code, Buffer.from(salt, 'base64'));
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
  };
}
