import { describe, expect, it } from 'vitest';
import { register } from '../src/domain/accounts.ts';
import { blockUser, listBlocks, unblockUser } from '../src/domain/blocks.ts';
import { CannotBlockSelf, UserNotFound } from '../src/domain/errors.ts';
import { testDeps } from './support/memory.ts';

async function people() {
  const deps = await testDeps();
  const reg = (email: string, displayName: string) =>
    register(deps, { email, password: 'a fine passphrase', displayName }).then((r) => r.user);
  return { deps, alice: await reg('alice@example.com', 'Alice'), bob: await reg('bob@example.com', 'Bob') };
}

describe('blocks', () => {
  it('given a user, when blocked twice and unblocked twice, then one UserBlocked and one UserUnblocked, heard by the blocker only', async () => {
    const { deps, alice, bob } = await people();
    const first = await blockUser(deps, { userId: alice.id, blockedId: bob.id });
    const again = await blockUser(deps, { userId: alice.id, blockedId: bob.id });
    expect(first.created).toBe(true);
    expect(again).toEqual({ block: first.block, created: false });
    expect(await listBlocks(deps, { userId: alice.id })).toEqual([
      { id: bob.id, displayName: 'Bob', blockedAt: expect.any(String) },
    ]);
    // Bob's own list says nothing about Alice's block
    expect(await listBlocks(deps, { userId: bob.id })).toEqual([]);
    expect(deps.events.ofType('identity.UserBlocked').map((e) => e.options?.audience)).toEqual([[alice.id]]);

    await unblockUser(deps, { userId: alice.id, blockedId: bob.id });
    await unblockUser(deps, { userId: alice.id, blockedId: bob.id });
    expect(await listBlocks(deps, { userId: alice.id })).toEqual([]);
    expect(deps.events.ofType('identity.UserUnblocked')).toHaveLength(1);
  });

  it('refuses unknown users and oneself', async () => {
    const { deps, alice } = await people();
    await expect(blockUser(deps, { userId: alice.id, blockedId: 'ghost' })).rejects.toBeInstanceOf(UserNotFound);
    await expect(blockUser(deps, { userId: alice.id, blockedId: alice.id })).rejects.toBeInstanceOf(CannotBlockSelf);
    expect(deps.events.ofType('identity.UserBlocked')).toHaveLength(0);
  });
});
