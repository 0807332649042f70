import { describe, expect, it } from 'vitest';
import { memoryWorld } from '../../test/memory.ts';
import { createConversation } from './conversations.ts';
import { UnknownUser } from './errors.ts';
import { addMembers } from './members.ts';
import { recordUser } from './users.ts';

describe('conversation members must be registered people', () => {
  it('refuses a group with ids nobody registered, stores nothing and publishes nothing', async () => {
    // Given only Ana and Bo are registered
    const world = memoryWorld();
    world.onlyRegistered('ana', 'bo');
    const invented = Array.from({ length: 254 }, (_, i) => `ghost${i}`);
    // When Ana creates a group with Bo and 254 invented ids
    const attempt = createConversation(world.deps, { callerId: 'ana', memberIds: ['bo', ...invented], title: 'x' });
    // Then it is refused, naming some of them, and nothing changed
    await expect(attempt).rejects.toThrow(UnknownUser);
    await expect(attempt).rejects.toThrow(/ghost0, ghost1, ghost2, ghost3, ghost4 and 249 more/);
    expect(world.stored.conversationsById.size).toBe(0);
    expect(world.outbox.size).toBe(0);
    expect(world.published).toEqual([]);
  });

  it('refuses a direct conversation with an unknown id, and accepts one with a person recorded from their event', async () => {
    const world = memoryWorld();
    world.onlyRegistered('ana');
    await expect(createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] })).rejects.toThrow(UnknownUser);
    // When identity's UserRegistered for Bo arrives
    await recordUser(world.deps, { userId: 'bo', registeredAt: '2026-03-01T09:00:00.000Z' });
    // Then the same request creates the conversation
    const { created, conversation } = await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] });
    expect(created).toBe(true);
    expect(conversation.members.map((m) => m.userId)).toEqual(['ana', 'bo']);
  });

  it('asks the directory about the other members only: the caller is a person by their token', async () => {
    const world = memoryWorld();
    world.onlyRegistered('bo', 'cy');
    await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo', 'cy', 'ana'], title: 'Team' });
    expect(world.directoryReads).toEqual([['bo', 'cy']]);
  });

  it('refuses to add an unknown id to a group and leaves its members as they were', async () => {
    const world = memoryWorld();
    world.onlyRegistered('bo', 'cy');
    const { conversation } = await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'], title: 'T' });
    world.published.length = 0;
    await expect(
      addMembers(world.deps, { callerId: 'ana', conversationId: conversation.id, userIds: ['cy', 'nobody'] }),
    ).rejects.toThrow(/nobody/);
    expect(world.stored.conversationsById.get(conversation.id)?.memberIds).toEqual(['ana', 'bo']);
    expect(world.published).toEqual([]);
    // And a registered person is added
    const view = await addMembers(world.deps, { callerId: 'ana', conversationId: conversation.id, userIds: ['cy'] });
    expect(view.members.map((m) => m.userId)).toEqual(['ana', 'bo', 'cy']);
  });
});
