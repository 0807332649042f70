import { describe, expect, it } from 'vitest';
import { memoryWorld } from '../../test/memory.ts';
import { createConversation, getConversation } from './conversations.ts';
import { ConversationNotFound, DirectConversationIsFixed, MemberNotFound, NotAnAdmin } from './errors.ts';
import { makeAdmin, renameConversation } from './group-admin.ts';
import { removeMember } from './members.ts';

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

describe('renameConversation', () => {
  it('lets any member rename a group and tells every member', async () => {
    const { world, id } = await group();
    // When Bo, who is not an admin, renames the group
    const view = await renameConversation(world.deps, { callerId: 'bo', conversationId: id, title: ' Launch crew ' });
    // Then the title is stored trimmed, and everyone hears ConversationRenamed with the old title
    expect(view.title).toBe('Launch crew');
    expect(world.published).toHaveLength(1);
    expect(world.published[0]).toMatchObject({
      audience: ['ana', 'bo', 'cy'],
      data: { conversationId: id, title: 'Launch crew', previousTitle: 'Team', renamedBy: 'bo' },
    });
    await expect(getConversation(world.deps, { callerId: 'cy', conversationId: id })).resolves.toMatchObject({
      title: 'Launch crew',
    });
    // The same title again changes nothing and announces nothing
    await renameConversation(world.deps, { callerId: 'ana', conversationId: id, title: 'Launch crew' });
    expect(world.published).toHaveLength(1);
  });

  it('refuses outsiders, former members and direct conversations', async () => {
    const { world, id } = await group();
    await expect(
      renameConversation(world.deps, { callerId: 'eve', conversationId: id, title: 'Mine now' }),
    ).rejects.toBeInstanceOf(ConversationNotFound);
    await removeMember(world.deps, { callerId: 'cy', conversationId: id, userId: 'cy' });
    await expect(
      renameConversation(world.deps, { callerId: 'cy', conversationId: id, title: 'Gone' }),
    ).rejects.toBeInstanceOf(ConversationNotFound);
    const { conversation: direct } = await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] });
    await expect(
      renameConversation(world.deps, { callerId: 'ana', conversationId: direct.id, title: 'Us' }),
    ).rejects.toBeInstanceOf(DirectConversationIsFixed);
    expect(world.stored.conversationsById.get(id)?.title).toBe('Team');
    expect(world.published.map((e) => e.event.detailType)).not.toContain('messaging.ConversationRenamed');
  });
});

describe('makeAdmin', () => {
  it('lets an admin make a member an admin, announced as MembersChanged', async () => {
    const { world, id } = await group();
    const view = await makeAdmin(world.deps, { callerId: 'ana', conversationId: id, userId: 'bo' });
    expect(view.members.filter((m) => m.role === 'admin').map((m) => m.userId)).toEqual(['ana', 'bo']);
    expect(world.published[0]).toMatchObject({
      event: { detailType: 'messaging.MembersChanged' },
      data: { adminIds: ['ana', 'bo'], added: [], removed: [], changedBy: 'ana', membersVersion: 2 },
    });
    // Bo, now an admin, may remove Cy
    await removeMember(world.deps, { callerId: 'bo', conversationId: id, userId: 'cy' });
    expect(world.stored.conversationsById.get(id)?.memberIds).toEqual(['ana', 'bo']);
  });

  it('refuses non-admins, non-members and direct conversations', async () => {
    const { world, id } = await group();
    await expect(makeAdmin(world.deps, { callerId: 'bo', conversationId: id, userId: 'bo' })).rejects.toBeInstanceOf(
      NotAnAdmin,
    );
    await expect(makeAdmin(world.deps, { callerId: 'ana', conversationId: id, userId: 'dee' })).rejects.toBeInstanceOf(
      MemberNotFound,
    );
    await expect(makeAdmin(world.deps, { callerId: 'eve', conversationId: id, userId: 'bo' })).rejects.toBeInstanceOf(
      ConversationNotFound,
    );
    const { conversation: direct } = await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] });
    await expect(
      makeAdmin(world.deps, { callerId: 'ana', conversationId: direct.id, userId: 'bo' }),
    ).rejects.toBeInstanceOf(DirectConversationIsFixed);
    expect(world.stored.conversationsById.get(id)?.adminIds).toEqual(['ana']);
    expect(world.published.map((e) => e.event.detailType)).not.toContain('messaging.MembersChanged');
  });
});
