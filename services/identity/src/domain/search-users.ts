import { normalizeForSearch } from './directory.ts';
import type { PublicProfile } from './model.ts';
import type { AvatarStorage, UserRepository } from './ports.ts';
import { toPublicProfile } from './profile.ts';

/**
 * GET /users?q=: case- and accent-insensitive prefix search on display name (or any later word of
 * it) and email, paginated with an opaque cursor. Returns public profiles only.
 */
export async function searchUsers(
  deps: { users: UserRepository; avatars: AvatarStorage },
  input: { query: string; limit: number; cursor?: string },
): Promise<{ items: PublicProfile[]; nextCursor?: string }> {
  const prefix = normalizeForSearch(input.query);
  if (!prefix) return { items: [] };
  const { users, cursor } = await deps.users.search(prefix, {
    limit: input.limit,
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
  const items = await Promise.all(users.map((u) => toPublicProfile(deps.avatars, u)));
  return { items, ...(cursor ? { nextCursor: cursor } : {}) };
}
