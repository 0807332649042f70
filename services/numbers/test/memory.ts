import type { DirectoryRepository } from '../src/domain/directory.ts';

/** In-memory directory with the adapter's semantics (upsert by userId), and a log of every write. */
export function memoryDirectory(): DirectoryRepository & {
  users: Map<string, { userId: string; displayName: string; registeredAt: string }>;
  writes: string[];
} {
  const users = new Map<string, { userId: string; displayName: string; registeredAt: string }>();
  const writes: string[] = [];
  return {
    users,
    writes,
    async upsert(user) {
      writes.push(user.userId);
      users.set(user.userId, { ...user });
    },
    async get(userId) {
      const user = users.get(userId);
      return user ? { userId: user.userId, displayName: user.displayName } : undefined;
    },
  };
}
