import { describe, expect, it } from 'vitest';
import { memoryWorld } from '../../test/memory.ts';
import { createConversation, directConversationId, getConversation, listConversations } from './conversations.ts';
import { ConversationNotFound, InvalidConversation, InvalidCursor, TooManyMembers } from './errors.ts';
import { sendMessage } from './send-message.ts';

describe('createConversation', () => {
  it('creates a direct conversation once and returns the same one to either person afterwards', async () => {
    // Given Ana and Bo have no conversation
    const world = memoryWorld();
    // When Ana starts one with Bo, then Bo starts one with Ana
    const first = await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] });
    const second = await createConversation(world.deps, { callerId: 'bo', memberIds: ['ana'] });
    // Then it is one direct conversation, created once
    expect(first.created).toBe(true);
    expect(first.conversation.kind).toBe('direct');
    expect(second.created).toBe(false);
    expect(second.conversation.id).toBe(first.conversation.id);
    expect(world.stored.conversationsById.size).toBe(1);
    expect(world.publishedTypes()).toEqual(['messaging.ConversationCreated']);
  });

  it('converges when both people start the same direct conversation at the same moment', async () => {
    // Given the conditional create is the only guard (both requests miss the first read)
    const world = memoryWorld();
    // When both create concurrently
    const results = await Promise.all([
      createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] }),
      createConversation(world.deps, { callerId: 'bo', memberIds: ['ana'] }),
    ]);
    // Then exactly one was created and both got its id
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.conversation.id)).size).toBe(1);
    expect(world.stored.conversationsById.size).toBe(1);
  });

  it('derives the direct id from the pair, in any order', () => {
    expect(directConversationId('ana', 'bo')).toBe(directConversationId('bo', 'ana'));
    expect(directConversationId('ana', 'bo')).not.toBe(directConversationId('ana', 'cy'));
    expect(directConversationId('ana', 'bo')).toMatch(/^d_[A-Za-z0-9_-]{32}$/);
  });

  it('creates a group with a title, the creator as admin, and announces every member', async () => {
    const world = memoryWorld();
    // When Ana creates a group with Bo and Cy (naming herself too, and Bo twice)
    const { conversation } = await createConversation(world.deps, {
      callerId: 'ana',
      memberIds: ['bo', 'ana', 'cy', 'bo'],
      title: 'Trip to Panama',
    });
    // Then the group has three members, Ana is admin, and ConversationCreated carries them all
    expect(conversation).toMatchObject({
      kind: 'group',
      title: 'Trip to Panama',
      createdBy: 'ana',
      unreadCount: 0,
      lastSeq: 0,
    });
    expect(conversation.members).toEqual([
      { userId: 'ana', role: 'admin' },
      { userId: 'bo', role: 'member' },
      { userId: 'cy', role: 'member' },
    ]);
    const [event] = world.published;
    expect(event?.data).toMatchObject({ memberIds: ['ana', 'bo', 'cy'], adminIds: ['ana'], kind: 'group' });
    expect(event?.audience).toEqual(['ana', 'bo', 'cy']);
  });

  it('makes a group of two when asked for one', async () => {
    const world = memoryWorld();
    const { conversation } = await createConversation(world.deps, {
      callerId: 'ana',
      memberIds: ['bo'],
      kind: 'group',
    });
    expect(conversation.kind).toBe('group');
  });

  it('refuses a conversation with nobody else, a direct one with more people, and more than 256 members', async () => {
    const world = memoryWorld();
    await expect(createConversation(world.deps, { callerId: 'ana', memberIds: ['ana'] })).rejects.toBeInstanceOf(
      InvalidConversation,
    );
    await expect(
      createConversation(world.deps, { callerId: 'ana', memberIds: ['bo', 'cy'], kind: 'direct' }),
    ).rejects.toBeInstanceOf(InvalidConversation);
    const crowd = Array.from({ length: 256 }, (_, i) => `user${i}`);
    await expect(createConversation(world.deps, { callerId: 'ana', memberIds: crowd })).rejects.toBeInstanceOf(
      TooManyMembers,
    );
    // And nothing was stored
    expect(world.stored.conversationsById.size).toBe(0);
    expect(world.published).toHaveLength(0);
  });

  it('accepts exactly 256 members', async () => {
    const world = memoryWorld();
    const others = Array.from({ length: 255 }, (_, i) => `user${i}`);
    const { conversation } = await createConversation(world.deps, { callerId: 'ana', memberIds: others, title: 'All' });
    expect(conversation.members).toHaveLength(256);
  });
});

describe('getConversation', () => {
  it('shows members with their read markers, and hides the conversation from anyone else', async () => {
    const world = memoryWorld();
    const { conversation } = await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] });
    const seen = await getConversation(world.deps, { callerId: 'bo', conversationId: conversation.id });
    expect(seen.members.map((m) => m.lastReadSeq)).toEqual([0, 0]);
    // A stranger and an unknown id get the same answer
    await expect(
      getConversation(world.deps, { callerId: 'eve', conversationId: conversation.id }),
    ).rejects.toBeInstanceOf(ConversationNotFound);
    await expect(getConversation(world.deps, { callerId: 'ana', conversationId: 'nope' })).rejects.toBeInstanceOf(
      ConversationNotFound,
    );
  });
});

describe('listConversations', () => {
  it('lists my conversations newest activity first with the last message and unread count', async () => {
    // Given Ana has a chat with Bo and, later, a group with Cy
    const world = memoryWorld();
    const direct = await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] });
    world.advance(1000);
    const group = await createConversation(world.deps, { callerId: 'ana', memberIds: ['cy'], title: 'Cy and me' });
    world.advance(1000);
    // When Bo then writes twice in the direct chat
    await sendMessage(world.deps, {
      senderId: 'bo',
      conversationId: direct.conversation.id,
      clientMessageId: 'c1',
      text: 'hola',
    });
    world.advance(1000);
    await sendMessage(world.deps, {
      senderId: 'bo',
      conversationId: direct.conversation.id,
      clientMessageId: 'c2',
      text: '¿qué tal?',
    });
    // Then Ana's list starts with the direct chat, showing Bo's last message and 2 unread
    const { items, nextCursor } = await listConversations(world.deps, { callerId: 'ana', limit: 20 });
    expect(items.map((c) => c.id)).toEqual([direct.conversation.id, group.conversation.id]);
    expect(items[0]).toMatchObject({
      unreadCount: 2,
      lastSeq: 2,
      lastMessage: { preview: '¿qué tal?', senderId: 'bo' },
    });
    expect(items[1]).toMatchObject({ unreadCount: 0, lastSeq: 0 });
    expect(nextCursor).toBeNull();
    // And Bo's own messages are not unread for him
    const bo = await listConversations(world.deps, { callerId: 'bo', limit: 20 });
    expect(bo.items[0]?.unreadCount).toBe(0);
  });

  it('pages with a cursor and skips conversations I have left', async () => {
    const world = memoryWorld();
    for (let i = 0; i < 3; i++) {
      await createConversation(world.deps, { callerId: 'ana', memberIds: [`friend${i}`] });
      world.advance(1000);
    }
    const first = await listConversations(world.deps, { callerId: 'ana', limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await listConversations(world.deps, {
      callerId: 'ana',
      limit: 2,
      cursor: first.nextCursor as string,
    });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    // An inbox entry whose conversation no longer lists me is not shown
    const stranger = await listConversations(world.deps, { callerId: 'friend0', limit: 10 });
    const id = stranger.items[0]?.id as string;
    world.stored.conversationsById.get(id)?.memberIds.splice(1, 1);
    expect((await listConversations(world.deps, { callerId: 'friend0', limit: 10 })).items).toEqual([]);
  });

  it("orders by the conversation's own last activity, and a message writes no member's entry (ADR 0023)", async () => {
    // Given Ana joined three groups in turn, and then the oldest one gets a message
    const world = memoryWorld();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { conversation } = await createConversation(world.deps, {
        callerId: 'ana',
        memberIds: ['bo', 'cy'],
        title: `g${i}`,
      });
      ids.push(conversation.id);
      world.advance(1000);
    }
    const entriesBefore = structuredClone([...world.stored.memberStates.entries()]);
    await sendMessage(world.deps, {
      senderId: 'cy',
      conversationId: ids[0] as string,
      clientMessageId: 'x',
      text: 'up',
    });
    // Then no member's entry changed, and the oldest group now comes first for everyone
    expect([...world.stored.memberStates.entries()]).toEqual(entriesBefore);
    for (const callerId of ['ana', 'bo']) {
      const { items } = await listConversations(world.deps, { callerId, limit: 10 });
      expect(items.map((c) => c.id)).toEqual([ids[0], ids[2], ids[1]]);
    }
  });

  it('pages in list order: each conversation once across pages, and a cursor that is not ours is refused', async () => {
    const world = memoryWorld();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { conversation } = await createConversation(world.deps, { callerId: 'ana', memberIds: [`f${i}`] });
      ids.push(conversation.id);
      world.advance(1000);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listConversations(world.deps, { callerId: 'ana', limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    // a cursor is the caller's own: another person replaying it is refused
    const mine = (await listConversations(world.deps, { callerId: 'ana', limit: 2 })).nextCursor as string;
    await expect(listConversations(world.deps, { callerId: 'f0', limit: 2, cursor: mine })).rejects.toBeInstanceOf(
      InvalidCursor,
    );
    for (const bad of [
      'not-a-cursor',
      Buffer.from('{"pinned":1}').toString('base64url'),
      Buffer.from('[]').toString('base64url'),
    ]) {
      await expect(listConversations(world.deps, { callerId: 'ana', limit: 2, cursor: bad })).rejects.toBeInstanceOf(
        InvalidCursor,
      );
    }
  });
});
