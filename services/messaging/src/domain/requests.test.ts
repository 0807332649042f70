import { describe, expect, it } from 'vitest';
import { memoryWorld } from '../../test/memory.ts';
import { createConversation, getConversation, listConversations } from './conversations.ts';
import { Blocked, NotARequest } from './errors.ts';
import { addMembers, removeMember } from './members.ts';
import { markRead } from './read-markers.ts';
import { acceptConversation, declineConversation } from './request-answers.ts';
import { sendMessage } from './send-message.ts';

function strangers() {
  const world = memoryWorld();
  world.strangers();
  return world;
}

const send = (world: ReturnType<typeof memoryWorld>, senderId: string, conversationId: string, text: string) =>
  sendMessage(world.deps, {
    senderId,
    conversationId,
    clientMessageId: `${senderId}-${text.replace(/[^A-Za-z0-9]/g, '_')}`,
    text,
  });

describe('message requests', () => {
  it('given strangers, when one starts a direct chat, then it is a request for the other only, announced as pending', async () => {
    const world = strangers();
    const { conversation } = await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] });
    expect(conversation.request).toBe(false);
    expect(world.published[0]).toMatchObject({ data: { memberIds: ['ana', 'bo'], pendingIds: ['bo'] } });
    const seenByBo = await getConversation(world.deps, { callerId: 'bo', conversationId: conversation.id });
    expect(seenByBo.request).toBe(true);
  });

  it('given bo has ana as a contact, when ana writes first, then it is no request', async () => {
    const world = strangers();
    await world.relate('bo', 'contact', 'ana');
    const { conversation } = await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] });
    expect(world.published[0]?.data).not.toHaveProperty('pendingIds');
    const seenByBo = await getConversation(world.deps, { callerId: 'bo', conversationId: conversation.id });
    expect(seenByBo.request).toBe(false);
  });

  it('given a request, when bo reads it, then ana gets no read receipt until bo accepts', async () => {
    const world = strangers();
    const { conversation } = await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] });
    await send(world, 'ana', conversation.id, 'hi');
    world.published.length = 0;
    await markRead(world.deps, { callerId: 'bo', conversationId: conversation.id, seq: 1 });
    expect(world.published[0]).toMatchObject({ event: { detailType: 'messaging.ConversationRead' }, audience: ['bo'] });
    const seenByAna = await getConversation(world.deps, { callerId: 'ana', conversationId: conversation.id });
    expect(seenByAna.members.find((m) => m.userId === 'bo')?.lastReadSeq).toBe(0);

    const accepted = await acceptConversation(world.deps, { callerId: 'bo', conversationId: conversation.id });
    expect(accepted.request).toBe(false);
    const changed = world.published.find((e) => e.event.detailType === 'messaging.MembersChanged');
    expect(changed?.data).not.toHaveProperty('pendingIds');
    const afterAccept = await getConversation(world.deps, { callerId: 'ana', conversationId: conversation.id });
    expect(afterAccept.members.find((m) => m.userId === 'bo')?.lastReadSeq).toBe(1);
  });

  it('given a request, when bo replies, then replying accepted it', async () => {
    const world = strangers();
    const { conversation } = await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] });
    await send(world, 'bo', conversation.id, 'who is this?');
    const seenByBo = await getConversation(world.deps, { callerId: 'bo', conversationId: conversation.id });
    expect(seenByBo.request).toBe(false);
    expect(world.publishedTypes()).toEqual([
      'messaging.ConversationCreated',
      'messaging.MembersChanged',
      'messaging.MessageSent',
    ]);
  });

  it('given a request, when bo declines, then it leaves his list, his audience, and only a new chat from him brings it back', async () => {
    const world = strangers();
    const { conversation } = await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] });
    await declineConversation(world.deps, { callerId: 'bo', conversationId: conversation.id });
    world.published.length = 0;
    await send(world, 'ana', conversation.id, 'still there?');
    expect(world.published[0]?.audience).toEqual(['ana']);
    expect((await listConversations(world.deps, { callerId: 'bo', limit: 20 })).items).toEqual([]);
    // read by id (a frame's refetch), it says so, so a client keeps it out of the list
    expect((await getConversation(world.deps, { callerId: 'bo', conversationId: conversation.id })).declined).toBe(
      true,
    );
    // declining twice is fine; declining what you accepted is not
    await declineConversation(world.deps, { callerId: 'bo', conversationId: conversation.id });
    await expect(
      declineConversation(world.deps, { callerId: 'ana', conversationId: conversation.id }),
    ).rejects.toBeInstanceOf(NotARequest);

    const reopened = await createConversation(world.deps, { callerId: 'bo', memberIds: ['ana'] });
    expect(reopened).toMatchObject({ created: false, conversation: { id: conversation.id, request: false } });
    expect((await listConversations(world.deps, { callerId: 'bo', limit: 20 })).items).toHaveLength(1);
  });

  it('given a group request, when declined, then the person left the group', async () => {
    const world = strangers();
    const { conversation } = await createConversation(world.deps, {
      callerId: 'ana',
      memberIds: ['bo', 'cy'],
      title: 'Team',
    });
    await declineConversation(world.deps, { callerId: 'cy', conversationId: conversation.id });
    expect(world.stored.conversationsById.get(conversation.id)?.memberIds).toEqual(['ana', 'bo']);
  });

  it('given someone left a group, when re-added by a contact, then it asks them again', async () => {
    const world = memoryWorld(); // everyone has everyone as a contact
    const { conversation } = await createConversation(world.deps, {
      callerId: 'ana',
      memberIds: ['bo', 'cy'],
      title: 'Team',
    });
    expect((await getConversation(world.deps, { callerId: 'cy', conversationId: conversation.id })).request).toBe(
      false,
    );
    await removeMember(world.deps, { callerId: 'cy', conversationId: conversation.id, userId: 'cy' });
    await addMembers(world.deps, { callerId: 'ana', conversationId: conversation.id, userIds: ['cy'] });
    expect((await getConversation(world.deps, { callerId: 'cy', conversationId: conversation.id })).request).toBe(true);
    // someone an admin removed is not asked again: they did not choose to leave
    await removeMember(world.deps, { callerId: 'ana', conversationId: conversation.id, userId: 'bo' });
    await addMembers(world.deps, { callerId: 'ana', conversationId: conversation.id, userIds: ['bo'] });
    expect((await getConversation(world.deps, { callerId: 'bo', conversationId: conversation.id })).request).toBe(
      false,
    );
  });
});

describe('blocks', () => {
  it('given bo blocked ana, when she starts a chat, writes in an old one or adds him to a group, then each is refused', async () => {
    const world = memoryWorld();
    const { conversation } = await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] });
    const { conversation: group } = await createConversation(world.deps, {
      callerId: 'ana',
      memberIds: ['cy'],
      title: 'Team',
    });
    await world.relate('bo', 'block', 'ana');
    await expect(send(world, 'ana', conversation.id, 'hello?')).rejects.toBeInstanceOf(Blocked);
    // the blocker cannot write either until he unblocks
    await expect(send(world, 'bo', conversation.id, 'go away')).rejects.toBeInstanceOf(Blocked);
    await expect(
      addMembers(world.deps, { callerId: 'ana', conversationId: group.id, userIds: ['bo'] }),
    ).rejects.toBeInstanceOf(Blocked);
    const fresh = memoryWorld();
    await fresh.relate('bo', 'block', 'ana');
    await expect(createConversation(fresh.deps, { callerId: 'ana', memberIds: ['bo'] })).rejects.toBeInstanceOf(
      Blocked,
    );
    await expect(createConversation(fresh.deps, { callerId: 'bo', memberIds: ['ana'] })).rejects.toBeInstanceOf(
      Blocked,
    );
    expect(world.stored.messagesByKey.size).toBe(0);

    await world.relate('bo', 'block', 'ana', false);
    await expect(send(world, 'ana', conversation.id, 'friends again')).resolves.toMatchObject({ created: true });
  });
});
