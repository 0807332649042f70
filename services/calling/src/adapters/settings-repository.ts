import type { MissedCallStore, SettingsRepository } from '../domain/ports.ts';
import type { CallingDb } from './table.ts';

/** SettingsRepository on the calling table (electrodb). */
export function electroSettingsRepository(db: CallingDb): SettingsRepository {
  const settings = db.entities.callSettings;
  return {
    async get(userId) {
      const { data } = await settings.get({ userId }).go();
      if (!data) return undefined;
      return {
        ringTimeoutSeconds: data.ringTimeoutSeconds,
        voicemailEnabled: data.voicemailEnabled,
        ...(data.forwardToNumber ? { forwardToNumber: data.forwardToNumber } : {}),
        ...(data.greeting ? { greeting: data.greeting } : {}),
      };
    },
    async put(userId, value) {
      // a put replaces the item: a number left out is removed
      await settings.put({ userId, ...value }).go({ response: 'none' });
    },
  };
}

/** MissedCallStore on the calling table: an atomic counter per person. */
export function electroMissedCallStore(db: CallingDb): MissedCallStore {
  const missed = db.entities.missedCalls;
  return {
    async increment(userId) {
      // UpdateItem creates the item on the first miss; ADD is atomic against a concurrent miss
      await missed.update({ userId }).add({ unseen: 1 }).go({ response: 'none' });
    },
    async markSeen(userId, at) {
      await missed.update({ userId }).set({ unseen: 0, seenAt: at }).go({ response: 'none' });
    },
    async get(userId) {
      const { data } = await missed.get({ userId }).go({ consistent: true });
      return { unseen: data?.unseen ?? 0, ...(data?.seenAt ? { seenAt: data.seenAt } : {}) };
    },
  };
}
