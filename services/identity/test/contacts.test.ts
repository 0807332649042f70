import { describe, expect, it } from 'vitest';
import { register } from '../src/domain/accounts.ts';
import { addContact, listContacts, removeContact } from '../src/domain/contacts.ts';
import { CannotAddSelf, UserNotFound } from '../src/domain/errors.ts';
import { testDeps } from './support/memory.ts';

async function people() {
  const deps = await testDeps();
  const reg = (email: string, displayName: string) =>
    register(deps, { email, password: 'a fine passphrase', displayName }).then((r) => r.user);
  return {
    deps,
    alice: await reg('alice@example.com', 'Alice'),
    bob: await reg('bob@example.com', 'Bob'),
    carol: await reg('carol@example.com', 'Carol'),
  };
}

describe('contacts', () => {
  it('given an existing user, when added, then listed with public fields and ContactAdded published once', async () => {
    const { deps, alice, bob } = await people();
    const first = await addContact(deps, { userId: alice.id, contactId: bob.id });
    const again = await addContact(deps, { userId: alice.id, contactId: bob.id });
    expect(first.created).toBe(true);
    expect(again).toEqual({ contact: first.contact, created: false });
    const items = await listContacts(deps, { userId: alice.id });
    expect(items).toEqual([{ id: bob.id, displayName: 'Bob', addedAt: expect.any(String) }]);
    expect(deps.events.ofType('identity.ContactAdded')).toHaveLength(1);
  });

  it('refuses unknown users and oneself', async () => {
    const { deps, alice } = await people();
    await expect(addContact(deps, { userId: alice.id, contactId: 'ghost' })).rejects.toBeInstanceOf(UserNotFound);
    await expect(addContact(deps, { userId: alice.id, contactId: alice.id })).rejects.toBeInstanceOf(CannotAddSelf);
    expect(await listContacts(deps, { userId: alice.id })).toEqual([]);
  });

  it('keeps contact lists private to their owner (BOLA)', async () => {
    const { deps, alice, bob, carol } = await people();
    await addContact(deps, { userId: alice.id, contactId: carol.id });
    expect(await listContacts(deps, { userId: bob.id })).toEqual([]);
    // Bob "removing" Carol removes nothing of Alice's
    await removeContact(deps, { userId: bob.id, contactId: carol.id });
    expect((await listContacts(deps, { userId: alice.id })).map((c) => c.id)).toEqual([carol.id]);
  });

  it('removes idempotently and publishes ContactRemoved only when something was removed', async () => {
    const { deps, alice, bob } = await people();
    await addContact(deps, { userId: alice.id, contactId: bob.id });
    await removeContact(deps, { userId: alice.id, contactId: bob.id });
    await removeContact(deps, { userId: alice.id, contactId: bob.id });
    expect(await listContacts(deps, { userId: alice.id })).toEqual([]);
    expect(deps.events.ofType('identity.ContactRemoved')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ userId: alice.id, contactId: bob.id }) }),
    ]);
  });
});
