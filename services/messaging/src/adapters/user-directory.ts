import { setTimeout as sleep } from 'node:timers/promises';
import { batchGetAll } from '@parley/lambda/batch-get';
import type { UserDirectory } from '../domain/ports.ts';
import type { MessagingDb } from './table.ts';

export interface UserDirectoryOptions {
  /**
   * How long an id missing from the copy is asked for again: identity answers a registration
   * before its UserRegistered has reached messaging, and someone may start a chat with a person
   * who signed up a moment ago. Many missing ids that do not start to appear are not a race.
   */
  graceMs?: number;
  stepMs?: number;
  maxAwaited?: number;
}

/** Messaging's copy of registered users, on its own table. */
export function electroUserDirectory(db: MessagingDb, options: UserDirectoryOptions = {}): UserDirectory {
  const { graceMs = 3_000, stepMs = 250, maxAwaited = 3 } = options;
  const { knownUser } = db.entities;
  const missingOf = async (userIds: readonly string[]) => {
    const keys = userIds.map((userId) => ({ userId }));
    const found = await batchGetAll(keys, (pending) => knownUser.get(pending).go(), 'users');
    const known = new Set(found.map((u) => u.userId));
    return userIds.filter((id) => !known.has(id));
  };
  return {
    async record(user) {
      await knownUser.put({ userId: user.userId, registeredAt: user.registeredAt }).go({ response: 'none' });
    },

    async unknown(userIds) {
      if (userIds.length === 0) return [];
      let missing = await missingOf([...new Set(userIds)]);
      const deadline = Date.now() + graceMs;
      // Asked again once in any case; after that only while events are still arriving (the last
      // read found someone) or only a few are missing. Made-up ids find no one and are refused.
      let arriving = true;
      while (missing.length > 0 && (arriving || missing.length <= maxAwaited) && Date.now() < deadline) {
        await sleep(stepMs);
        const still = await missingOf(missing);
        arriving = still.length < missing.length;
        missing = still;
      }
      return missing;
    },
  };
}
