import type { ThrottleStore } from '../domain/ports.ts';
import type { IdentityDb } from './table.ts';

/** ThrottleStore on the identity table: one counter item per key and window, removed by TTL. */
export function electroThrottleStore(db: IdentityDb): ThrottleStore {
  const throttle = db.entities.throttle;
  return {
    async get(key, windowStart) {
      const { data } = await throttle.get({ key, windowStart }).go();
      return { count: data?.failures ?? 0, ...(data?.lastAt !== undefined ? { lastAt: data.lastAt } : {}) };
    },
    async hit(key, windowStart, at, expiresAt) {
      const { data } = await throttle
        .update({ key, windowStart })
        .add({ failures: 1 })
        .set({ lastAt: at, ttl: expiresAt })
        .go({ response: 'all_new' });
      return data.failures ?? 1;
    },
    async clear(key, windowStart) {
      await throttle.delete({ key, windowStart }).go();
    },
  };
}
