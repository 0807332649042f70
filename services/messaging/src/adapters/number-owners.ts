import type { NumberOwners } from '../domain/ports.ts';
import { isConditionFailure, type MessagingDb } from './table.ts';

/** NumberOwners on the messaging table: a write applies only when it is newer than the row's. */
export function electroNumberOwners(db: MessagingDb): NumberOwners {
  const owners = db.entities.numberOwner;
  return {
    async apply(change) {
      try {
        await owners
          .put({
            e164: change.e164,
            changedAt: change.at,
            ownerKey: change.userId ? `user#${change.userId}` : `released#${change.e164}`,
            ...(change.userId ? { userId: change.userId } : {}),
          })
          .where(({ changedAt }, { notExists, lt }) => `${notExists(changedAt)} OR ${lt(changedAt, change.at)}`)
          .go({ response: 'none' });
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },
    async ownerOf(e164) {
      const { data } = await owners.get({ e164 }).go();
      return data?.userId;
    },
    async numbersOf(userId) {
      const { data } = await owners.query.byOwner({ ownerKey: `user#${userId}` }).go({ pages: 'all' });
      return data
        .filter((d) => d.userId === userId)
        .map((d) => d.e164)
        .sort();
    },
  };
}
