import { batchGetAll } from '@parley/lambda/batch-get';
import type { Relations } from '../domain/ports.ts';
import { isConditionFailure, type MessagingDb } from './table.ts';

/** Relations (contacts and blocks) on messaging's table: one item per (owner, kind, other). */
export function electroRelations(db: MessagingDb): Relations {
  const { relation } = db.entities;
  return {
    async apply(r) {
      try {
        await relation
          .upsert(r)
          .where(({ version }, { notExists, lt }) => `${notExists(version)} OR ${lt(version, r.version)}`)
          .go({ response: 'none' });
      } catch (err) {
        if (!isConditionFailure(err)) throw err; // stale: a newer event already applied
      }
    },

    async between(userId, others) {
      const ids = [...new Set(others)].filter((id) => id !== userId);
      const out = {
        haveUserAsContact: new Set<string>(),
        blockUser: new Set<string>(),
        blockedByUser: new Set<string>(),
      };
      if (ids.length === 0) return out;
      const keys = ids.flatMap((otherId) => [
        { ownerId: otherId, kind: 'contact' as const, otherId: userId },
        { ownerId: otherId, kind: 'block' as const, otherId: userId },
        { ownerId: userId, kind: 'block' as const, otherId },
      ]);
      const items = await batchGetAll(keys, (pending) => relation.get(pending).go(), 'relations');
      for (const item of items) {
        if (!item.active) continue;
        if (item.kind === 'contact') out.haveUserAsContact.add(item.ownerId);
        else if (item.ownerId === userId) out.blockedByUser.add(item.otherId);
        else out.blockUser.add(item.ownerId);
      }
      return out;
    },
  };
}
