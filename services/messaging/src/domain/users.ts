import { UnknownUser } from './errors.ts';
import type { UserDirectory } from './ports.ts';

/** Remembers that identity registered someone (from identity.UserRegistered); idempotent. */
export async function recordUser(
  deps: { users: UserDirectory },
  input: { userId: string; registeredAt: string },
): Promise<void> {
  await deps.users.record(input);
}

/**
 * Refuses ids that belong to nobody: a conversation's members are people identity registered,
 * never ids made up in a request (a group of 255 invented ids would fan out to no one forever).
 */
export async function requireRegistered(users: UserDirectory, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  const unknown = await users.unknown(userIds);
  if (unknown.length === 0) return;
  const named = unknown.slice(0, 5).join(', ');
  const more = unknown.length > 5 ? ` and ${unknown.length - 5} more` : '';
  throw new UnknownUser(`No Parley user has the id ${named}${more}.`);
}
