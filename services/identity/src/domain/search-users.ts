import { isEmailQuery, matchesName, normalizeForSearch } from './directory.ts';
import type { PublicProfile, User } from './model.ts';
import type { AvatarStorage, Clock, ThrottleStore, UserRepository } from './ports.ts';
import { toPublicProfile } from './profile.ts';
import { countSearch } from './throttle.ts';

/** A search result: the public profile and the part of the email after the `@`. */
export type DirectoryEntry = PublicProfile & { emailDomain: string };

const toEntry = async (avatars: AvatarStorage, user: User): Promise<DirectoryEntry> => ({
  ...(await toPublicProfile(avatars, user)),
  emailDomain: user.email.slice(user.email.lastIndexOf('@') + 1),
});

/**
 * GET /users?q=: case- and accent-insensitive prefix search on the display name (or any later word
 * of it), paginated with an opaque cursor. A query with an `@` is an email address and finds only
 * the account with exactly that address (case-insensitive): no prefix of an email ever matches, so
 * an address cannot be recovered a character at a time. At most 30 searches a minute per user
 * (SearchThrottled → 429). Returns public profiles plus the email's domain (`emailDomain`), so that
 * two people with one name can be told apart without revealing either address.
 */
export async function searchUsers(
  deps: { users: UserRepository; avatars: AvatarStorage; throttle: ThrottleStore; clock: Clock },
  input: { userId: string; query: string; limit: number; cursor?: string },
): Promise<{ items: DirectoryEntry[]; nextCursor?: string }> {
  await countSearch(deps.throttle, input.userId, deps.clock.now());
  if (isEmailQuery(input.query)) {
    const user = await deps.users.findByEmail(input.query.trim().toLowerCase());
    return { items: user ? [await toEntry(deps.avatars, user)] : [] };
  }
  const prefix = normalizeForSearch(input.query);
  if (!prefix) return { items: [] };
  const { users, cursor } = await deps.users.search(prefix, {
    limit: input.limit,
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
  // The repository already matches names only; checked again here so that no stored entry (such as
  // one by email from before) can ever return a user whose name does not match.
  const named = users.filter((u) => matchesName(u, prefix));
  const items = await Promise.all(named.map((u) => toEntry(deps.avatars, u)));
  return { items, ...(cursor ? { nextCursor: cursor } : {}) };
}
