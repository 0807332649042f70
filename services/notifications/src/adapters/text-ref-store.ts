import type { TextRefStore } from '../domain/texting.ts';
import type { NotificationsDb } from './table.ts';

const KEEP_SECONDS = 7 * 86_400;

/** The ref of each conversation text sent, by provider message id (one PutItem, one GetItem). */
export function electroTextRefStore(db: NotificationsDb, now: () => Date = () => new Date()): TextRefStore {
  const entity = db.entities.textRef;
  return {
    async remember(providerMessageId, ref) {
      const expiresAt = Math.floor(now().getTime() / 1000) + KEEP_SECONDS;
      await entity.put({ providerMessageId, ref, expiresAt }).go({ response: 'none' });
    },
    async refOf(providerMessageId) {
      const { data } = await entity.get({ providerMessageId }).go();
      return data?.ref;
    },
  };
}
