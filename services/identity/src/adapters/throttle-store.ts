import type { ThrottleStore } from '../domain/ports.ts';
import type { IdentityDb } from './table.ts';

/** ThrottleStore on the identity table: one counter item per key and window, removed by TTL. */
export function electroThrottleStore(db: IdentityDb): ThrottleStore {
  const throttle = db.entities.throttle;
  return {
    async failures(key, windowStart) {
      const { data } = await throttle.get({ key, windowStart }).go();
      return data?.failures ?? 0;
    },
    async addFailure(key, windowStart, expiresAt) {
      await throttle.update({ key, windowStart }).add({ failures: 1 }).set({ ttl: expiresAt }).go();
    },
    async clear(key, windowStart) {
      await throttle.delete({ key, windowStart }).go();
    },
  };
}
