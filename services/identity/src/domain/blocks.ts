import { UserBlocked, UserUnblocked } from '@parley/events/identity';
import { CannotBlockSelf, TooManyBlocks, UserNotFound } from './errors.ts';
import type { PublicProfile } from './model.ts';
import type { AvatarStorage, BlockRepository, Clock, DomainEvents, UserRepository } from './ports.ts';
import { toPublicProfile } from './profile.ts';

export const MAX_BLOCKS = 1000;

export interface BlockDeps {
  blocks: BlockRepository;
  users: UserRepository;
  avatars: AvatarStorage;
  events: DomainEvents;
  clock: Clock;
}

export type BlockView = PublicProfile & { blockedAt: string };

/** GET /blocks: the people the caller blocked, with their public profiles, by display name. */
export async function listBlocks(
  deps: Pick<BlockDeps, 'blocks' | 'users' | 'avatars'>,
  input: { userId: string },
): Promise<BlockView[]> {
  const blocks = await deps.blocks.list(input.userId);
  const users = new Map((await deps.users.getMany(blocks.map((b) => b.blockedId))).map((u) => [u.id, u]));
  const views = await Promise.all(
    blocks.map(async (b) => {
      const user = users.get(b.blockedId);
      return user ? { ...(await toPublicProfile(deps.avatars, user)), blockedAt: b.blockedAt } : undefined;
    }),
  );
  return views
    .filter((v): v is BlockView => v !== undefined)
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/**
 * PUT /blocks/{userId}: blocks an existing user. Idempotent. Identity only keeps the list and says so on
 * the bus (`identity.UserBlocked`); messaging, calling and notifications each enforce it in their own
 * part (direct messages, calls, presence, typing and signals), from their projection of the event.
 */
export async function blockUser(
  deps: BlockDeps,
  input: { userId: string; blockedId: string },
): Promise<{ block: BlockView; created: boolean }> {
  if (input.blockedId === input.userId) throw new CannotBlockSelf();
  const other = await deps.users.get(input.blockedId);
  if (!other) throw new UserNotFound();
  const existing = await deps.blocks.list(input.userId);
  const already = existing.find((b) => b.blockedId === input.blockedId);
  if (!already && existing.length >= MAX_BLOCKS) throw new TooManyBlocks(MAX_BLOCKS);
  const blockedAt = already?.blockedAt ?? deps.clock.now().toISOString();
  const created = already
    ? false
    : await deps.blocks.add({ userId: input.userId, blockedId: input.blockedId, blockedAt });
  if (created) {
    await deps.events.publishAll([
      {
        event: UserBlocked,
        data: { userId: input.userId, blockedId: input.blockedId, blockedAt },
        // only the blocker's own devices hear it; the blocked person is not told
        options: { audience: [input.userId] },
      },
    ]);
  }
  return { block: { ...(await toPublicProfile(deps.avatars, other)), blockedAt }, created };
}

/** DELETE /blocks/{userId}: lifts a block. Idempotent. */
export async function unblockUser(
  deps: Pick<BlockDeps, 'blocks' | 'events' | 'clock'>,
  input: { userId: string; blockedId: string },
): Promise<void> {
  const removed = await deps.blocks.remove(input.userId, input.blockedId);
  if (!removed) return;
  await deps.events.publishAll([
    {
      event: UserUnblocked,
      data: { userId: input.userId, blockedId: input.blockedId, unblockedAt: deps.clock.now().toISOString() },
      options: { audience: [input.userId] },
    },
  ]);
}
