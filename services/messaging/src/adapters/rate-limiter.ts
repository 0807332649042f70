import type { RateLimiter } from '../domain/ports.ts';
import { isConditionFailure, type MessagingDb } from './table.ts';

/**
 * RateLimiter on the messaging table: one UpdateItem per act, `ADD count 1` only while the count
 * is below the limit (a refused act writes nothing); the item expires by TTL after two windows.
 */
export function electroRateLimiter(db: MessagingDb): RateLimiter {
  const counter = db.entities.rateCounter;
  return {
    async take(key, windowStart, limit, expiresAt) {
      try {
        await counter
          .update({ key, windowStart })
          .add({ count: 1 })
          .set({ ttl: expiresAt })
          .where((attr, op) => `${op.notExists(attr.count)} OR ${op.lt(attr.count, limit)}`)
          .go({ response: 'none' });
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },
  };
}
