import type { OptOutStore } from '../domain/webhooks.ts';
import { isConditionFailure } from './conditions.ts';
import type { NotificationsDb } from './table.ts';

/** Opt keywords per number and channel: one conditional upsert (the newest `at` wins), one GetItem per check. */
export function electroOptOutStore(db: NotificationsDb): OptOutStore {
  const entity = db.entities.textOptOut;
  return {
    async apply(phoneNumber, channel, optedOut, keyword, at) {
      try {
        await entity
          .upsert({ phoneNumber, channel, optedOut, keyword, at })
          .where(({ at: stored }, { notExists, lt }) => `${notExists(stored)} OR ${lt(stored, at)}`)
          .go();
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },
    async isOptedOut(phoneNumber, channel) {
      const { data } = await entity.get({ phoneNumber, channel }).go();
      return data?.optedOut === true;
    },
  };
}
