import { describe, expect, it } from 'vitest';
import { memoryWorld } from '../../test/memory.ts';
import { createConversation, getConversation, listConversations } from './conversations.ts';
import { ConversationNotFound, SeqOutOfRange } from './errors.ts';
import { markRead } from './read-markers.ts';
import { sendMessage } from './send-message.ts';

async function threeMessages() {
  const world = memoryWorld();
  const { conversation } = await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] });
  for (const c of ['a', 'b', 'c']) {
    await sendMessage(world.deps, { senderId: 'ana', conversationId: conversation.id, clientMessageId: c, text: c });
  }
  world.published.length = 0;
  return { world, id: conversation.id };
}

describe('markRead', () => {
  it('moves the marker forward only, gives read receipts and lowers the unread count', async () => {
    const { world, id } = await threeMessages();
    expect((await listConversations(world.deps, { callerId: 'bo', limit: 10 })).items[0]?.unreadCount).toBe(3);
    // When Bo reads up to 2
    await expect(markRead(world.deps, { callerId: 'bo', conversationId: id, seq: 2 })).resolves.toMatchObject({
      lastReadSeq: 2,
    });
    // Then Ana sees his receipt, and he has one unread left
    const seenByAna = await getConversation(world.deps, { callerId: 'ana', conversationId: id });
    expect(seenByAna.members.find((m) => m.userId === 'bo')).toMatchObject({ lastReadSeq: 2 });
    expect((await listConversations(world.deps, { callerId: 'bo', limit: 10 })).items[0]?.unreadCount).toBe(1);
    expect(world.published[0]).toMatchObject({ audience: ['ana', 'bo'], data: { userId: 'bo', seq: 2 } });
    // When an older marker arrives late, nothing moves back and nothing is published
    await expect(markRead(world.deps, { callerId: 'bo', conversationId: id, seq: 1 })).resolves.toMatchObject({
      lastReadSeq: 2,
    });
    expect(world.published).toHaveLength(1);
  });

  it('refuses a seq past the newest message, and outsiders', async () => {
    const { world, id } = await threeMessages();
    await expect(markRead(world.deps, { callerId: 'bo', conversationId: id, seq: 4 })).rejects.toBeInstanceOf(
      SeqOutOfRange,
    );
    await expect(markRead(world.deps, { callerId: 'eve', conversationId: id, seq: 1 })).rejects.toBeInstanceOf(
      ConversationNotFound,
    );
  });
});
