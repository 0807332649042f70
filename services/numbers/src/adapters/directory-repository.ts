import type { DirectoryRepository } from '../domain/directory.ts';
import type { NumbersDb } from './table.ts';

/** DirectoryRepository on the numbers table (electrodb). */
export function electroDirectoryRepository(db: NumbersDb): DirectoryRepository {
  return {
    async upsert(user) {
      await db.entities.directoryUser.upsert(user).go();
    },
    async get(userId) {
      const { data } = await db.entities.directoryUser.get({ userId }).go();
      return data ? { userId: data.userId, displayName: data.displayName } : undefined;
    },
  };
}
