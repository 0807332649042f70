import type { BlockRepository } from '../domain/ports.ts';
import type { IdentityDb } from './table.ts';

/** BlockRepository on the identity table (electrodb): items under the blocker's partition. */
export function electroBlockRepository(db: IdentityDb): BlockRepository {
  const blocks = db.entities.block;
  const conditionFailed = (err: unknown) =>
    (err as { cause?: { name?: string } }).cause?.name === 'ConditionalCheckFailedException';
  return {
    async add(block) {
      try {
        await blocks.create(block).go();
        return true;
      } catch (err) {
        if (conditionFailed(err)) return false;
        throw err;
      }
    },
    async remove(userId, blockedId) {
      const { data } = await blocks.delete({ userId, blockedId }).go({ response: 'all_old' });
      return data !== null && data !== undefined;
    },
    async list(userId) {
      const { data } = await blocks.query.byOwner({ userId }).go({ pages: 'all' });
      return data.map(({ userId: owner, blockedId, blockedAt }) => ({ userId: owner, blockedId, blockedAt }));
    },
  };
}
