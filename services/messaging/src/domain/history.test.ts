import { describe, expect, it } from 'vitest';
import { memoryWorld } from '../../test/memory.ts';
import { createConversation } from './conversations.ts';
import { ConversationNotFound } from './errors.ts';
import { listMessages } from './history.ts';
import { sendMessage } from './send-message.ts';

async function chatWith(count: number) {
  const world = memoryWorld();
  const { conversation } = await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] });
  for (let i = 1; i <= count; i++) {
    await sendMessage(world.deps, {
      senderId: i % 2 ? 'ana' : 'bo',
      conversationId: conversation.id,
      clientMessageId: `c${i}`,
      text: `#${i}`,
    });
  }
  return { world, id: conversation.id };
}

describe('listMessages', () => {
  it('recovers every message after a seq exactly once, page by page', async () => {
    // Given 25 messages, and a client that last saw seq 5
    const { world, id } = await chatWith(25);
    const seen: number[] = [];
    let cursor = 5;
    let hasMore = true;
    // When it pages forward 8 at a time
    while (hasMore) {
      const page = await listMessages(world.deps, { callerId: 'bo', conversationId: id, afterSeq: cursor, limit: 8 });
      seen.push(...page.items.map((m) => m.seq));
      hasMore = page.hasMore;
      cursor = page.nextCursor as number;
      expect(page.direction).toBe('forward');
    }
    // Then it saw 6..25, in order, none twice
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i + 6));
    // And asking again from the end returns nothing new and keeps the cursor
    const after = await listMessages(world.deps, { callerId: 'bo', conversationId: id, afterSeq: 25, limit: 8 });
    expect(after).toMatchObject({ items: [], hasMore: false, nextCursor: 25, lastSeq: 25 });
  });

  it('gives the newest messages first time, then pages back, each page in seq order', async () => {
    const { world, id } = await chatWith(12);
    const newest = await listMessages(world.deps, { callerId: 'ana', conversationId: id, limit: 5 });
    expect(newest.items.map((m) => m.seq)).toEqual([8, 9, 10, 11, 12]);
    expect(newest).toMatchObject({ hasMore: true, nextCursor: 8, direction: 'backward' });
    const older = await listMessages(world.deps, { callerId: 'ana', conversationId: id, beforeSeq: 8, limit: 5 });
    expect(older.items.map((m) => m.seq)).toEqual([3, 4, 5, 6, 7]);
    const oldest = await listMessages(world.deps, { callerId: 'ana', conversationId: id, beforeSeq: 3, limit: 5 });
    expect(oldest).toMatchObject({ hasMore: false, nextCursor: 1 });
    expect(oldest.items.map((m) => m.text)).toEqual(['#1', '#2']);
  });

  it('reads a window between afterSeq and beforeSeq', async () => {
    const { world, id } = await chatWith(10);
    const page = await listMessages(world.deps, {
      callerId: 'ana',
      conversationId: id,
      afterSeq: 3,
      beforeSeq: 7,
      limit: 50,
    });
    expect(page.items.map((m) => m.seq)).toEqual([4, 5, 6]);
    expect(page.hasMore).toBe(false);
  });

  it('shows nothing to non-members', async () => {
    const { world, id } = await chatWith(2);
    await expect(listMessages(world.deps, { callerId: 'eve', conversationId: id, limit: 10 })).rejects.toBeInstanceOf(
      ConversationNotFound,
    );
  });
});
