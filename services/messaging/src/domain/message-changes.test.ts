import { describe, expect, it } from 'vitest';
import { memoryWorld } from '../../test/memory.ts';
import { createAttachmentUpload, getAttachmentDownload } from './attachments.ts';
import { createConversation } from './conversations.ts';
import {
  AttachmentNotFound,
  ConcurrentUpdate,
  ConversationNotFound,
  InvalidAttachment,
  InvalidEmoji,
  MessageIsDeleted,
  MessageNotFound,
  NotMessageAuthor,
  TooManyReactions,
} from './errors.ts';
import { deleteMessage, editMessage, isEmoji, react } from './message-changes.ts';
import { sendMessage } from './send-message.ts';

async function withMessage() {
  const world = memoryWorld();
  const { conversation } = await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] });
  const { message } = await sendMessage(world.deps, {
    senderId: 'ana',
    conversationId: conversation.id,
    clientMessageId: 'c1',
    text: 'See you at 5',
  });
  world.published.length = 0;
  world.advance(60_000);
  return { world, conversationId: conversation.id, messageId: message.id };
}

describe('editMessage', () => {
  it('lets the author change the text, updates the list preview and tells the members', async () => {
    const { world, conversationId, messageId } = await withMessage();
    const edited = await editMessage(world.deps, { callerId: 'ana', conversationId, messageId, text: 'See you at 6' });
    expect(edited).toMatchObject({ text: 'See you at 6', editedAt: '2026-03-01T09:01:00.000Z' });
    expect(world.published[0]).toMatchObject({
      event: { detailType: 'messaging.MessageEdited' },
      audience: ['ana', 'bo'],
      data: { messageId, seq: 1, text: 'See you at 6', preview: 'See you at 6' },
    });
    expect(world.stored.conversationsById.get(conversationId)?.lastMessage?.preview).toBe('See you at 6');
    // The same text again changes nothing
    await editMessage(world.deps, { callerId: 'ana', conversationId, messageId, text: 'See you at 6' });
    expect(world.published).toHaveLength(1);
  });

  it("refuses someone else's message, unknown or forged ids, and outsiders", async () => {
    const { world, conversationId, messageId } = await withMessage();
    await expect(
      editMessage(world.deps, { callerId: 'bo', conversationId, messageId, text: 'x' }),
    ).rejects.toBeInstanceOf(NotMessageAuthor);
    for (const id of ['m1_forged', 'm9_x', 'garbage']) {
      await expect(
        editMessage(world.deps, { callerId: 'ana', conversationId, messageId: id, text: 'x' }),
      ).rejects.toBeInstanceOf(MessageNotFound);
    }
    await expect(
      editMessage(world.deps, { callerId: 'eve', conversationId, messageId, text: 'x' }),
    ).rejects.toBeInstanceOf(ConversationNotFound);
    expect(world.published).toHaveLength(0);
  });

  it('retries on a concurrent change and gives up after repeated conflicts', async () => {
    const { world, conversationId, messageId } = await withMessage();
    const real = world.deps.messages.replace;
    let conflicts = 2;
    world.deps.messages.replace = async (m, v, e) => (conflicts-- > 0 ? false : real(m, v, e));
    await expect(
      editMessage(world.deps, { callerId: 'ana', conversationId, messageId, text: 'v2' }),
    ).resolves.toMatchObject({
      text: 'v2',
    });
    conflicts = 99;
    await expect(
      editMessage(world.deps, { callerId: 'ana', conversationId, messageId, text: 'v3' }),
    ).rejects.toBeInstanceOf(ConcurrentUpdate);
  });
});

describe('deleteMessage', () => {
  it('leaves a tombstone at the same seq, once', async () => {
    const { world, conversationId, messageId } = await withMessage();
    await react(world.deps, { callerId: 'bo', conversationId, messageId, emoji: '👍', action: 'add' });
    const tombstone = await deleteMessage(world.deps, { callerId: 'ana', conversationId, messageId });
    expect(tombstone).toMatchObject({
      id: messageId,
      seq: 1,
      text: null,
      deleted: true,
      reactions: [],
      attachments: [],
    });
    expect(world.stored.conversationsById.get(conversationId)?.lastMessage).toMatchObject({
      deleted: true,
      preview: '',
    });
    // Deleting again changes nothing; editing or reacting to it is refused
    await deleteMessage(world.deps, { callerId: 'ana', conversationId, messageId });
    expect(world.publishedTypes()).toEqual(['messaging.ReactionChanged', 'messaging.MessageDeleted']);
    await expect(
      editMessage(world.deps, { callerId: 'ana', conversationId, messageId, text: 'back' }),
    ).rejects.toBeInstanceOf(MessageIsDeleted);
    await expect(
      react(world.deps, { callerId: 'bo', conversationId, messageId, emoji: '👍', action: 'add' }),
    ).rejects.toBeInstanceOf(MessageIsDeleted);
  });

  it('makes its attachments unavailable, to members too', async () => {
    const world = memoryWorld();
    const { conversation } = await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] });
    const upload = await createAttachmentUpload(world.deps, {
      callerId: 'ana',
      conversationId: conversation.id,
      fileName: 'oops.png',
      contentType: 'image/png',
      size: 5,
      checksumSha256: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
    });
    world.upload(`uploads/${conversation.id}/${upload.attachmentId}`, 5);
    const { message } = await sendMessage(world.deps, {
      senderId: 'ana',
      conversationId: conversation.id,
      clientMessageId: 'p',
      attachmentIds: [upload.attachmentId],
    });
    await expect(
      getAttachmentDownload(world.deps, { callerId: 'bo', attachmentId: upload.attachmentId }),
    ).resolves.toBeDefined();
    await deleteMessage(world.deps, { callerId: 'ana', conversationId: conversation.id, messageId: message.id });
    await expect(
      getAttachmentDownload(world.deps, { callerId: 'bo', attachmentId: upload.attachmentId }),
    ).rejects.toBeInstanceOf(AttachmentNotFound);
    // and it cannot be sent again
    await expect(
      sendMessage(world.deps, {
        senderId: 'ana',
        conversationId: conversation.id,
        clientMessageId: 'p2',
        attachmentIds: [upload.attachmentId],
      }),
    ).rejects.toBeInstanceOf(InvalidAttachment);
  });

  it('is for the author only', async () => {
    const { world, conversationId, messageId } = await withMessage();
    await expect(deleteMessage(world.deps, { callerId: 'bo', conversationId, messageId })).rejects.toBeInstanceOf(
      NotMessageAuthor,
    );
  });
});

describe('react', () => {
  it('adds and removes a member’s reaction, idempotently, with counts', async () => {
    const { world, conversationId, messageId } = await withMessage();
    const target = { conversationId, messageId };
    await react(world.deps, { ...target, callerId: 'bo', emoji: '👍', action: 'add' });
    await react(world.deps, { ...target, callerId: 'bo', emoji: '👍', action: 'add' });
    const both = await react(world.deps, { ...target, callerId: 'ana', emoji: '👍', action: 'add' });
    expect(both.reactions).toEqual([{ emoji: '👍', count: 2, userIds: ['bo', 'ana'] }]);
    await react(world.deps, { ...target, callerId: 'bo', emoji: '👍', action: 'remove' });
    const none = await react(world.deps, { ...target, callerId: 'ana', emoji: '👍', action: 'remove' });
    expect(none.reactions).toEqual([]);
    await react(world.deps, { ...target, callerId: 'ana', emoji: '👍', action: 'remove' });
    expect(
      world.published
        .map((e) => e.data as { userId: string; action: string; count: number })
        .map((d) => [d.userId, d.action, d.count]),
    ).toEqual([
      ['bo', 'added', 1],
      ['ana', 'added', 2],
      ['bo', 'removed', 1],
      ['ana', 'removed', 0],
    ]);
  });

  it('accepts one emoji, not text, and at most 50 different ones per message', async () => {
    const { world, conversationId, messageId } = await withMessage();
    for (const emoji of ['👍', '🇵🇦', '👩🏽‍💻', '❤️', '1️⃣']) expect(isEmoji(emoji), emoji).toBe(true);
    for (const emoji of ['', 'ok', '👍👍', '<script>', 'a'.repeat(40), ':+1:'])
      expect(isEmoji(emoji), emoji).toBe(false);
    await expect(
      react(world.deps, { callerId: 'bo', conversationId, messageId, emoji: 'lol', action: 'add' }),
    ).rejects.toBeInstanceOf(InvalidEmoji);
    const faces = Array.from({ length: 50 }, (_, i) => String.fromCodePoint(0x1f600 + i));
    for (const emoji of faces)
      await react(world.deps, { callerId: 'bo', conversationId, messageId, emoji, action: 'add' });
    await expect(
      react(world.deps, { callerId: 'bo', conversationId, messageId, emoji: '🚀', action: 'add' }),
    ).rejects.toBeInstanceOf(TooManyReactions);
  });
});
