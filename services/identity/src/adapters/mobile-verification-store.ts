import type { MobileVerificationStore } from '../domain/mobile-verification.ts';
import type { IdentityDb } from './table.ts';

const isConditionFailure = (err: unknown) =>
  (err as { cause?: { name?: string } }).cause?.name === 'ConditionalCheckFailedException' ||
  (err as Error).name === 'ConditionalCheckFailedException';

/** Pending mobile verifications on the identity table, one item per user, removed by TTL after expiry. */
export function electroMobileVerificationStore(db: IdentityDb): MobileVerificationStore {
  const verification = db.entities.mobileVerification;
  return {
    async get(userId) {
      const { data } = await verification.get({ userId }).go();
      if (!data) return undefined;
      const { codeExpiresAt, ttl: _ttl, ...rest } = data;
      return { ...rest, expiresAt: codeExpiresAt };
    },
    async put(v) {
      const { expiresAt, ...rest } = v;
      await verification
        .put({ ...rest, codeExpiresAt: expiresAt, ttl: Math.ceil(new Date(expiresAt).getTime() / 1000) + 3600 })
        .go();
    },
    async countAttempt(userId, codeHash, max) {
      try {
        await verification
          .patch({ userId })
          .add({ attempts: 1 })
          .where(({ attempts, codeHash: stored }, { eq, lt }) => `${lt(attempts, max)} AND ${eq(stored, codeHash)}`)
          .go();
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },
    async delete(userId) {
      await verification.delete({ userId }).go();
    },
  };
}
