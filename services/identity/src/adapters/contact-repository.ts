import type { ContactRepository } from '../domain/ports.ts';
import type { IdentityDb } from './table.ts';

/** ContactRepository on the identity table (electrodb): items under the owner's partition. */
export function electroContactRepository(db: IdentityDb): ContactRepository {
  const contacts = db.entities.contact;
  const conditionFailed = (err: unknown) =>
    (err as { cause?: { name?: string } }).cause?.name === 'ConditionalCheckFailedException';
  return {
    async add(contact) {
      try {
        await contacts.create(contact).go();
        return true;
      } catch (err) {
        if (conditionFailed(err)) return false;
        throw err;
      }
    },
    async remove(userId, contactId) {
      const { data } = await contacts.delete({ userId, contactId }).go({ response: 'all_old' });
      return data !== null && data !== undefined;
    },
    async list(userId) {
      const { data } = await contacts.query.byOwner({ userId }).go({ pages: 'all' });
      return data.map(({ userId: owner, contactId, addedAt }) => ({ userId: owner, contactId, addedAt }));
    },
  };
}
