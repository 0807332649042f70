import type { PresenceStore } from '../domain/ports.ts';
import { type CallingDb, isConditionFailure } from './table.ts';

/** PresenceStore on the calling table: a change applies only when it is newer than the row's. */
export function electroPresence(db: CallingDb): PresenceStore {
  const presence = db.entities.presence;
  return {
    async apply(change) {
      try {
        await presence
          .put(change)
          .where(({ changedAt }, { notExists, lt }) => `${notExists(changedAt)} OR ${lt(changedAt, change.changedAt)}`)
          .go({ response: 'none' });
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },
    async statusOf(userId) {
      const { data } = await presence.get({ userId }).go();
      return data?.status;
    },
  };
}
