import type { BlockStore } from '../domain/ports.ts';
import { type CallingDb, isConditionFailure } from './table.ts';

/** BlockStore on the calling table: one item per (blocker, blocked); a change applies only when newer. */
export function electroBlocks(db: CallingDb): BlockStore {
  const block = db.entities.block;
  return {
    async apply(change) {
      try {
        await block
          .put(change)
          .where(({ version }, { notExists, lt }) => `${notExists(version)} OR ${lt(version, change.version)}`)
          .go({ response: 'none' });
      } catch (err) {
        if (!isConditionFailure(err)) throw err; // a newer change is already stored
      }
    },
    async between(a, b) {
      const { data } = await block
        .get([
          { ownerId: a, blockedId: b },
          { ownerId: b, blockedId: a },
        ])
        .go();
      return data.some((item) => item.active);
    },
  };
}
