import type { EmailTokenStore } from '../domain/email-tokens.ts';
import type { IdentityDb } from './table.ts';

const isConditionFailure = (err: unknown) =>
  (err as { cause?: { name?: string } }).cause?.name === 'ConditionalCheckFailedException' ||
  (err as Error).name === 'ConditionalCheckFailedException';

/** Mailed-link tokens on the identity table, one item per token hash, removed by TTL a day after expiry. */
export function electroEmailTokenStore(db: IdentityDb): EmailTokenStore {
  const tokens = db.entities.emailToken;
  return {
    async put(t) {
      const { expiresAt, ...rest } = t;
      await tokens
        .create({ ...rest, tokenExpiresAt: expiresAt, ttl: Math.ceil(new Date(expiresAt).getTime() / 1000) + 86_400 })
        .go();
    },
    async get(hash) {
      const { data } = await tokens.get({ hash }).go();
      if (!data) return undefined;
      const { tokenExpiresAt, ttl: _ttl, ...rest } = data;
      return { ...rest, expiresAt: tokenExpiresAt };
    },
    async markUsed(hash, at) {
      try {
        // patch: the item must exist; the condition: nobody used it first (two clicks race here)
        await tokens
          .patch({ hash })
          .set({ usedAt: at })
          .where(({ usedAt }, { notExists }) => notExists(usedAt))
          .go();
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },
  };
}
