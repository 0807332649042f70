import type { DirectoryRepository } from '../domain/directory.ts';
import type { numbersService } from './table.ts';

export function electroDirectoryRepository(db: ReturnType<typeof numbersService>): DirectoryRepository {
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
