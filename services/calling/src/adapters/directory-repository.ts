import type { UserDirectory } from '../domain/ports.ts';
import type { CallingDb } from './table.ts';

/** UserDirectory on the calling table (electrodb). */
export function electroUserDirectory(db: CallingDb): UserDirectory {
  const { directoryUser: users, mobileOwner } = db.entities;
  const get = async (userId: string) => {
    const { data } = await users.get({ userId }).go();
    return data
      ? {
          userId: data.userId,
          displayName: data.displayName,
          ...(data.timeZone ? { timeZone: data.timeZone } : {}),
          ...(data.locale ? { locale: data.locale } : {}),
          ...(data.mobileNumber ? { mobileNumber: data.mobileNumber } : {}),
        }
      : undefined;
  };
  return {
    async upsert(user) {
      await users
        .upsert({
          userId: user.userId,
          displayName: user.displayName,
          ...(user.timeZone ? { timeZone: user.timeZone } : {}),
          ...(user.locale ? { locale: user.locale } : {}),
          ...(user.mobileNumber !== undefined ? { mobileNumber: user.mobileNumber } : {}),
        })
        .go({ response: 'none' });
      if (user.mobileNumber)
        await mobileOwner.put({ e164: user.mobileNumber, userId: user.userId }).go({ response: 'none' });
    },
    get,
    async byMobile(e164) {
      const { data } = await mobileOwner.get({ e164 }).go();
      const person = data ? await get(data.userId) : undefined;
      // the number may have moved on to someone else since
      return person?.mobileNumber === e164 ? person : undefined;
    },
  };
}
