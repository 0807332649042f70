import { ContactAdded, ContactRemoved } from '@parley/events/identity';
import { CannotAddSelf, TooManyContacts, UserNotFound } from './errors.ts';
import type { PublicProfile } from './model.ts';
import type { AvatarStorage, Clock, ContactRepository, DomainEvents, UserRepository } from './ports.ts';
import { toPublicProfile } from './profile.ts';

export const MAX_CONTACTS = 1000;

export interface ContactDeps {
  contacts: ContactRepository;
  users: UserRepository;
  avatars: AvatarStorage;
  events: DomainEvents;
  clock: Clock;
}

export type ContactView = PublicProfile & { addedAt: string };

/** GET /contacts: the caller's own contacts with their public profiles, by display name. */
export async function listContacts(
  deps: Pick<ContactDeps, 'contacts' | 'users' | 'avatars'>,
  input: { userId: string },
): Promise<ContactView[]> {
  const contacts = await deps.contacts.list(input.userId);
  const users = new Map((await deps.users.getMany(contacts.map((c) => c.contactId))).map((u) => [u.id, u]));
  const views = await Promise.all(
    contacts.map(async (c) => {
      const user = users.get(c.contactId);
      return user ? { ...(await toPublicProfile(deps.avatars, user)), addedAt: c.addedAt } : undefined;
    }),
  );
  return views
    .filter((v): v is ContactView => v !== undefined)
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** PUT /contacts/{userId}: adds an existing user to the caller's contacts. Idempotent. */
export async function addContact(
  deps: ContactDeps,
  input: { userId: string; contactId: string },
): Promise<{ contact: ContactView; created: boolean }> {
  if (input.contactId === input.userId) throw new CannotAddSelf();
  const other = await deps.users.get(input.contactId);
  if (!other) throw new UserNotFound();
  const existing = await deps.contacts.list(input.userId);
  const already = existing.find((c) => c.contactId === input.contactId);
  if (!already && existing.length >= MAX_CONTACTS) throw new TooManyContacts(MAX_CONTACTS);
  const addedAt = already?.addedAt ?? deps.clock.now().toISOString();
  const created = already
    ? false
    : await deps.contacts.add({ userId: input.userId, contactId: input.contactId, addedAt });
  if (created) {
    await deps.events.publishAll([
      {
        event: ContactAdded,
        data: { userId: input.userId, contactId: input.contactId, addedAt },
        options: { audience: [input.userId] },
      },
    ]);
  }
  return { contact: { ...(await toPublicProfile(deps.avatars, other)), addedAt }, created };
}

/** DELETE /contacts/{userId}: removes one of the caller's contacts. Idempotent. */
export async function removeContact(
  deps: Pick<ContactDeps, 'contacts' | 'events' | 'clock'>,
  input: { userId: string; contactId: string },
): Promise<void> {
  const removed = await deps.contacts.remove(input.userId, input.contactId);
  if (!removed) return;
  await deps.events.publishAll([
    {
      event: ContactRemoved,
      data: { userId: input.userId, contactId: input.contactId, removedAt: deps.clock.now().toISOString() },
      options: { audience: [input.userId] },
    },
  ]);
}
