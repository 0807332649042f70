import { describe, expect, it } from 'vitest';
import { memoryWorld } from '../../test/memory.ts';
import { createConversation, getConversation, listConversations } from './conversations.ts';
import {
  ConcurrentUpdate,
  ConversationNotFound,
  DirectConversationIsFixed,
  MemberNotFound,
  NotAnAdmin,
  TooManyMembers,
} from './errors.ts';
import { addMembers, ensureInboxEntries, removeMember } from './members.ts';

async function group() {
  const world = memoryWorld();
  const { conversation } = await createConversation(world.deps, {
    callerId: 'ana',
    memberIds: ['bo', 'cy'],
    title: 'Team',
  });
  world.published.length = 0;
  return { world, id: conversation.id };
}

describe('addMembers', () => {
  it('lets any member add people, ignores people already in, and announces the full member list', async () => {
    const { world, id } = await group();
    // When Bo (not an admin) adds Dee, and Cy who is already in
    const view = await addMembers(world.deps, { callerId: 'bo', conversationId: id, userIds: ['dee', 'cy'] });
    // Then Dee is a member and MembersChanged says who is in now and who was added
    expect(view.members.map((m) => m.userId)).toEqual(['ana', 'bo', 'cy', 'dee']);
    expect(world.published[0]).toMatchObject({
      audience: ['ana', 'bo', 'cy', 'dee'],
      data: { memberIds: ['ana', 'bo', 'cy', 'dee'], added: ['dee'], removed: [], changedBy: 'bo', membersVersion: 2 },
    });
    // And Dee can now read it
    await expect(getConversation(world.deps, { callerId: 'dee', conversationId: id })).resolves.toMatchObject({ id });
    // Adding her again changes nothing
    await addMembers(world.deps, { callerId: 'ana', conversationId: id, userIds: ['dee'] });
    expect(world.published).toHaveLength(1);
  });

  it('refuses outsiders, direct conversations and more than 256 members', async () => {
    const { world, id } = await group();
    await expect(
      addMembers(world.deps, { callerId: 'eve', conversationId: id, userIds: ['eve'] }),
    ).rejects.toBeInstanceOf(ConversationNotFound);
    const { conversation: direct } = await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] });
    await expect(
      addMembers(world.deps, { callerId: 'ana', conversationId: direct.id, userIds: ['cy'] }),
    ).rejects.toBeInstanceOf(DirectConversationIsFixed);
    const crowd = Array.from({ length: 254 }, (_, i) => `user${i}`);
    await expect(
      addMembers(world.deps, { callerId: 'ana', conversationId: id, userIds: crowd }),
    ).rejects.toBeInstanceOf(TooManyMembers);
    expect(world.stored.conversationsById.get(id)?.memberIds).toHaveLength(3);
  });

  it('retries when the members changed in between, and gives up after repeated conflicts', async () => {
    const { world, id } = await group();
    const real = world.deps.conversations.changeMembers;
    let conflicts = 1;
    world.deps.conversations.changeMembers = async (change, events) => (conflicts-- > 0 ? false : real(change, events));
    await addMembers(world.deps, { callerId: 'ana', conversationId: id, userIds: ['dee'] });
    expect(world.stored.conversationsById.get(id)?.memberIds).toContain('dee');
    conflicts = 10;
    await expect(
      addMembers(world.deps, { callerId: 'ana', conversationId: id, userIds: ['fay'] }),
    ).rejects.toBeInstanceOf(ConcurrentUpdate);
  });
});

describe('removeMember', () => {
  it('lets a member leave, who then cannot see the conversation, and tells them too', async () => {
    const { world, id } = await group();
    await removeMember(world.deps, { callerId: 'cy', conversationId: id, userId: 'cy' });
    await expect(getConversation(world.deps, { callerId: 'cy', conversationId: id })).rejects.toBeInstanceOf(
      ConversationNotFound,
    );
    expect(world.published[0]).toMatchObject({
      audience: ['ana', 'bo', 'cy'],
      data: { memberIds: ['ana', 'bo'], removed: ['cy'] },
    });
    expect(world.stored.memberStates.has(`${id}#cy`)).toBe(false);
  });

  it('lets only admins remove others', async () => {
    const { world, id } = await group();
    await expect(removeMember(world.deps, { callerId: 'bo', conversationId: id, userId: 'cy' })).rejects.toBeInstanceOf(
      NotAnAdmin,
    );
    await removeMember(world.deps, { callerId: 'ana', conversationId: id, userId: 'cy' });
    expect(world.stored.conversationsById.get(id)?.memberIds).toEqual(['ana', 'bo']);
    await expect(
      removeMember(world.deps, { callerId: 'ana', conversationId: id, userId: 'cy' }),
    ).rejects.toBeInstanceOf(MemberNotFound);
  });

  it('makes the longest-standing member admin when the last admin leaves', async () => {
    const { world, id } = await group();
    await removeMember(world.deps, { callerId: 'ana', conversationId: id, userId: 'ana' });
    expect(world.stored.conversationsById.get(id)?.adminIds).toEqual(['bo']);
  });

  it('keeps direct conversations as they are', async () => {
    const world = memoryWorld();
    const { conversation } = await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] });
    await expect(
      removeMember(world.deps, { callerId: 'ana', conversationId: conversation.id, userId: 'ana' }),
    ).rejects.toBeInstanceOf(DirectConversationIsFixed);
  });
});

describe('ensureInboxEntries', () => {
  it("given a member whose entry was never written, when the membership event is consumed, then the conversation is in their list and nobody else's entry changes", async () => {
    const world = memoryWorld();
    const { conversation } = await createConversation(world.deps, {
      callerId: 'ana',
      memberIds: ['bo', 'cy'],
      title: 'T',
    });
    await world.deps.members.markRead({ conversationId: conversation.id, userId: 'ana', seq: 0, readAt: 'x' }, []);
    const anaBefore = structuredClone(world.stored.memberStates.get(`${conversation.id}#ana`));
    // the write after the commit failed for Cy
    world.stored.memberStates.delete(`${conversation.id}#cy`);
    expect((await listConversations(world.deps, { callerId: 'cy', limit: 10 })).items).toEqual([]);

    const written = await ensureInboxEntries(world.deps, {
      conversationId: conversation.id,
      memberIds: ['ana', 'bo', 'cy'],
      at: '2026-03-01T09:00:00.000Z',
    });

    expect(written).toBe(1);
    expect((await listConversations(world.deps, { callerId: 'cy', limit: 10 })).items.map((c) => c.id)).toEqual([
      conversation.id,
    ]);
    expect(world.stored.memberStates.get(`${conversation.id}#ana`)).toEqual(anaBefore);
    // consumed again: nothing to write
    expect(
      await ensureInboxEntries(world.deps, {
        conversationId: conversation.id,
        memberIds: ['ana', 'bo', 'cy'],
        at: 'y',
      }),
    ).toBe(0);
  });
});
