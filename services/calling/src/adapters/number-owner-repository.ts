import type { NumberOwners } from '../domain/ports.ts';
import { type CallingDb, isConditionFailure } from './table.ts';

/** NumberOwners on the calling table: a write applies only when it is newer than the row's. */
export function electroNumberOwners(db: CallingDb): NumberOwners {
  const owners = db.entities.numberOwner;
  return {
    async apply(change) {
      try {
        await owners
          .put({
            e164: change.e164,
            changedAt: change.at,
            ...(change.owner
              ? { userId: change.owner.userId, country: change.owner.country, carrier: change.owner.carrier }
              : {}),
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
      return data?.userId
        ? { userId: data.userId, country: data.country ?? '', carrier: data.carrier ?? '' }
        : undefined;
    },
  };
}
