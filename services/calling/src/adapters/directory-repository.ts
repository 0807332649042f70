import type { UserDirectory } from '../domain/ports.ts';
import type { CallingDb } from './table.ts';

/** UserDirectory on the calling table (electrodb). */
export function electroUserDirectory(db: CallingDb): UserDirectory {
  const users = db.entities.directoryUser;
  return {
    async upsert(user) {
      await users
        .upsert({
          userId: user.userId,
          displayName: user.displayName,
          ...(user.timeZone ? { timeZone: user.timeZone } : {}),
          ...(user.locale ? { locale: user.locale } : {}),
        })
        .go({ response: 'none' });
    },
    async get(userId) {
      const { data } = await users.get({ userId }).go();
      return data
        ? {
            userId: data.userId,
            displayName: data.displayName,
            ...(data.timeZone ? { timeZone: data.timeZone } : {}),
            ...(data.locale ? { locale: data.locale } : {}),
          }
        : undefined;
    },
  };
}
