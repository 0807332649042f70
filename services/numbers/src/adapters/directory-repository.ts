import type { DirectoryRepository } from '../domain/directory.ts';
import type { NumbersDb } from './table.ts';

/** DirectoryRepository on the numbers table (electrodb). */
export function electroDirectoryRepository(db: NumbersDb): DirectoryRepository {
  return {
    async upsert(user) {
      await db.entities.directoryUser.upsert(user).go();
    },
    async rename(userId, displayName) {
      try {
        await db.entities.directoryUser.patch({ userId }).set({ displayName }).go();
      } catch (err) {
        // patch refuses a user not in the directory: their UserRegistered will bring the name
        const e = err as { cause?: { name?: string }; message?: string };
        if (e.cause?.name !== 'ConditionalCheckFailedException' && !/conditional request failed/i.test(e.message ?? ''))
          throw err;
      }
    },
    async get(userId) {
      const { data } = await db.entities.directoryUser.get({ userId }).go();
      return data ? { userId: data.userId, displayName: data.displayName } : undefined;
    },
  };
}
