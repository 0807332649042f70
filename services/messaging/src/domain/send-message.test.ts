import { describe, expect, it } from 'vitest';
import { memoryWorld } from '../../test/memory.ts';
import { createAttachmentUpload } from './attachments.ts';
import { createConversation } from './conversations.ts';
import { ConversationNotFound, EmptyMessage, InvalidAttachment, InvalidReplyTarget, TextTooLong } from './errors.ts';
import { drainOutbox } from './outbox.ts';
import { sendMessage } from './send-message.ts';

async function chat() {
  const world = memoryWorld();
  const { conversation } = await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] });
  world.published.length = 0;
  return { world, id: conversation.id };
}

describe('sendMessage', () => {
  it('numbers messages 1, 2, 3 in the order they are stored and announces each to the members', async () => {
    const { world, id } = await chat();
    // When Ana and Bo write in turn
    const a = await sendMessage(world.deps, {
      senderId: 'ana',
      conversationId: id,
      clientMessageId: 'a1',
      text: 'Hola',
    });
    const b = await sendMessage(world.deps, { senderId: 'bo', conversationId: id, clientMessageId: 'b1', text: 'Hi!' });
    const c = await sendMessage(world.deps, {
      senderId: 'ana',
      conversationId: id,
      clientMessageId: 'a2',
      text: 'Qué tal',
    });
    // Then seqs are consecutive and every message was announced with the members as audience
    expect([a, b, c].map((r) => [r.created, r.message.seq])).toEqual([
      [true, 1],
      [true, 2],
      [true, 3],
    ]);
    expect(a.message).toMatchObject({ senderId: 'ana', text: 'Hola', deleted: false, reactions: [], attachments: [] });
    expect(a.message.id).toMatch(/^m1_/);
    expect(world.publishedTypes()).toEqual(Array(3).fill('messaging.MessageSent'));
    expect(world.published[0]).toMatchObject({
      audience: ['ana', 'bo'],
      data: { seq: 1, preview: 'Hola', text: 'Hola', truncated: false, clientMessageId: 'a1' },
    });
    // And the conversation shows the newest message
    expect(world.stored.conversationsById.get(id)?.lastMessage).toMatchObject({ seq: 3, preview: 'Qué tal' });
  });

  it('stores one message for the same clientMessageId sent three times', async () => {
    const { world, id } = await chat();
    const input = { senderId: 'ana', conversationId: id, clientMessageId: 'same', text: 'once' };
    const results = [
      await sendMessage(world.deps, input),
      await sendMessage(world.deps, input),
      await sendMessage(world.deps, input),
    ];
    expect(results.map((r) => r.created)).toEqual([true, false, false]);
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    expect(world.stored.messagesByKey.size).toBe(1);
    expect(world.published).toHaveLength(1);
  });

  it('stores one message when the same clientMessageId arrives three times at once', async () => {
    const { world, id } = await chat();
    const input = { senderId: 'ana', conversationId: id, clientMessageId: 'race', text: 'once' };
    const results = await Promise.all([1, 2, 3].map(() => sendMessage(world.deps, input)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    expect(world.stored.messagesByKey.size).toBe(1);
    expect(world.published).toHaveLength(1);
  });

  it('numbers messages sent at the same moment by different people 1..N with no gap and no repeat', async () => {
    const world = memoryWorld();
    const people = Array.from({ length: 8 }, (_, i) => `p${i}`);
    const { conversation } = await createConversation(world.deps, {
      callerId: 'ana',
      memberIds: people,
      title: 'Busy',
    });
    const sent = await Promise.all(
      people.map((senderId) =>
        sendMessage(world.deps, { senderId, conversationId: conversation.id, clientMessageId: 'c', text: senderId }),
      ),
    );
    expect(sent.map((r) => r.message.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const stored = world.stored.conversationsById.get(conversation.id);
    expect(stored?.seqAllocated).toBe(8);
    // the list preview is the message with the highest seq
    expect(stored?.lastMessage?.seq).toBe(8);
    expect(stored?.lastMessage?.senderId).toBe(sent.find((r) => r.message.seq === 8)?.message.senderId);
  });

  it('keeps clientMessageIds apart per sender', async () => {
    const { world, id } = await chat();
    await sendMessage(world.deps, { senderId: 'ana', conversationId: id, clientMessageId: 'x', text: 'mine' });
    const bo = await sendMessage(world.deps, { senderId: 'bo', conversationId: id, clientMessageId: 'x', text: 'his' });
    expect(bo).toMatchObject({ created: true, message: { text: 'his', senderId: 'bo' } });
  });

  it('refuses non-members, empty and oversize messages, and stores nothing', async () => {
    const { world, id } = await chat();
    await expect(
      sendMessage(world.deps, { senderId: 'eve', conversationId: id, clientMessageId: 'e', text: 'hi' }),
    ).rejects.toBeInstanceOf(ConversationNotFound);
    await expect(
      sendMessage(world.deps, { senderId: 'ana', conversationId: 'unknown', clientMessageId: 'e', text: 'hi' }),
    ).rejects.toBeInstanceOf(ConversationNotFound);
    await expect(
      sendMessage(world.deps, { senderId: 'ana', conversationId: id, clientMessageId: 'e', text: '  \n ' }),
    ).rejects.toBeInstanceOf(EmptyMessage);
    // zero-width characters alone are no text either
    await expect(
      sendMessage(world.deps, {
        senderId: 'ana',
        conversationId: id,
        clientMessageId: 'z',
        text: '\u200b\u200d\u2060',
      }),
    ).rejects.toBeInstanceOf(EmptyMessage);
    await expect(
      sendMessage(world.deps, { senderId: 'ana', conversationId: id, clientMessageId: 'e', text: 'x'.repeat(4001) }),
    ).rejects.toBeInstanceOf(TextTooLong);
    expect(world.stored.messagesByKey.size).toBe(0);
    expect(world.stored.conversationsById.get(id)?.seqAllocated).toBe(0);
    expect(world.published).toHaveLength(0);
  });

  it('puts the whole text of a short message in its event, and only a preview of a long one', async () => {
    const { world, id } = await chat();
    const long = 'ñ€'.repeat(2000); // 4,000 characters, 10,000 UTF-8 bytes
    await sendMessage(world.deps, { senderId: 'ana', conversationId: id, clientMessageId: 'l', text: long });
    const data = world.published[0]?.data as { text?: string; preview: string; truncated: boolean };
    expect(data.text).toBeUndefined();
    expect(data.truncated).toBe(true);
    expect(Array.from(data.preview)).toHaveLength(140);
    expect(JSON.stringify(world.published[0]).length).toBeLessThan(32 * 1024);
  });

  it('quotes the message it replies to, which must be in the same conversation', async () => {
    const { world, id } = await chat();
    const original = await sendMessage(world.deps, {
      senderId: 'bo',
      conversationId: id,
      clientMessageId: 'q',
      text: 'Lunch at 1?',
    });
    const reply = await sendMessage(world.deps, {
      senderId: 'ana',
      conversationId: id,
      clientMessageId: 'r',
      text: 'Yes',
      replyToId: original.message.id,
    });
    expect(reply.message.replyTo).toEqual({
      messageId: original.message.id,
      seq: 1,
      senderId: 'bo',
      preview: 'Lunch at 1?',
    });
    // A message of another conversation, or a made-up id, cannot be replied to
    const { conversation: other } = await createConversation(world.deps, { callerId: 'ana', memberIds: ['cy'] });
    const elsewhere = await sendMessage(world.deps, {
      senderId: 'cy',
      conversationId: other.id,
      clientMessageId: 'o',
      text: 'psst',
    });
    for (const replyToId of [elsewhere.message.id, 'm1_forged', 'nonsense']) {
      await expect(
        sendMessage(world.deps, {
          senderId: 'ana',
          conversationId: id,
          clientMessageId: `bad-${replyToId}`,
          text: 'no',
          replyToId,
        }),
      ).rejects.toBeInstanceOf(InvalidReplyTarget);
    }
  });

  it('attaches files the sender uploaded to this conversation, and only those', async () => {
    const { world, id } = await chat();
    const photo = await createAttachmentUpload(world.deps, {
      callerId: 'ana',
      conversationId: id,
      fileName: 'beach.jpg',
      contentType: 'image/jpeg',
      size: 2048,
      checksumSha256: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
    });
    const send = (attachmentIds: string[], clientMessageId: string, senderId = 'ana') =>
      sendMessage(world.deps, { senderId, conversationId: id, clientMessageId, attachmentIds });
    // Not uploaded yet
    await expect(send([photo.attachmentId], 'p0')).rejects.toBeInstanceOf(InvalidAttachment);
    world.upload(`uploads/${id}/${photo.attachmentId}`, 2048);
    // Someone else cannot reuse Ana's attachment, and unknown ids are refused
    await expect(send([photo.attachmentId], 'p1', 'bo')).rejects.toBeInstanceOf(InvalidAttachment);
    await expect(send(['unknown'], 'p2')).rejects.toBeInstanceOf(InvalidAttachment);
    // Ana can send it without text
    const sent = await send([photo.attachmentId], 'p3');
    expect(sent.message.attachments).toEqual([
      { id: photo.attachmentId, fileName: 'beach.jpg', contentType: 'image/jpeg', size: 2048, kind: 'image' },
    ]);
    expect(world.stored.conversationsById.get(id)?.lastMessage?.preview).toBe('📎 beach.jpg');
  });

  it('refuses an upload larger than announced', async () => {
    const { world, id } = await chat();
    const doc = await createAttachmentUpload(world.deps, {
      callerId: 'ana',
      conversationId: id,
      fileName: 'a.pdf',
      contentType: 'application/pdf',
      size: 10,
      checksumSha256: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
    });
    world.upload(`uploads/${id}/${doc.attachmentId}`, 11);
    await expect(
      sendMessage(world.deps, {
        senderId: 'ana',
        conversationId: id,
        clientMessageId: 'big',
        attachmentIds: [doc.attachmentId],
      }),
    ).rejects.toBeInstanceOf(InvalidAttachment);
  });

  it('acknowledges a stored message when publishing fails, and the outbox publishes it later', async () => {
    // Given EventBridge refuses events for a while
    const { world, id } = await chat();
    world.failPublishing(true);
    // When Ana sends a message
    const sent = await sendMessage(world.deps, {
      senderId: 'ana',
      conversationId: id,
      clientMessageId: 'o1',
      text: 'still here',
    });
    // Then it is stored and acknowledged, the failure reported, its event waiting in the outbox
    expect(sent.created).toBe(true);
    expect(world.stored.messagesByKey.size).toBe(1);
    expect(world.published).toHaveLength(0);
    expect(world.outbox.size).toBe(1);
    expect(world.warnings.map((w) => w.context.step)).toEqual(['publish']);
    // When EventBridge recovers and the drain runs after its grace period
    world.failPublishing(false);
    expect(await drainOutbox(world.deps)).toBe(0);
    world.advance(31_000);
    expect(await drainOutbox(world.deps)).toBe(1);
    // Then the very same event (same id) was published, and the outbox is empty
    expect(world.published[0]?.data).toMatchObject({ messageId: sent.message.id });
    expect(world.outbox.size).toBe(0);
  });
});
