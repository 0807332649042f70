import { describe, expect, it } from 'vitest';
import { memoryWorld } from '../../test/memory.ts';
import { getConversation, listConversations } from './conversations.ts';
import { WhatsappWindowClosed } from './errors.ts';
import { listMessages } from './history.ts';
import { replyWindowEndsAt } from './model.ts';
import { sendMessage } from './send-message.ts';
import { receiveText, recordNumberOwner, startTextConversation, textConversationId } from './texting.ts';

// WhatsApp's 24 h customer service window (ADR 0030): a reply is accepted only before 24 h after the
// phone's last message; SMS has no window.

const PARLEY = '+41445550101';
const PHONE = '+41791234567';
const HOUR = 60 * 60 * 1000;
/** the memory world's clock starts here */
const START = '2026-03-01T09:00:00.000Z';

async function owned() {
  const world = memoryWorld(new Date(START));
  await recordNumberOwner(world.deps, { e164: PARLEY, userId: 'ana', at: '2026-03-01T08:00:00.000Z' });
  return world;
}

type World = Awaited<ReturnType<typeof owned>>;

async function phoneWrites(world: World, channel: 'sms' | 'whatsapp', receivedAt: string, id = 'SM0001') {
  expect(
    await receiveText(world.deps, {
      channel,
      from: PHONE,
      to: PARLEY,
      body: 'Hola',
      providerMessageId: id,
      receivedAt,
    }),
  ).toBe('appended');
  return textConversationId('ana', channel, PHONE);
}

const reply = (world: World, conversationId: string, clientMessageId = 'c1') =>
  sendMessage(world.deps, { senderId: 'ana', conversationId, clientMessageId, text: 'Claro' });

const textRequests = (world: World) => world.publishedTypes().filter((t) => t === 'messaging.TextRequested');

async function refusedWithNothingStored(world: World, conversationId: string, replyWindowEndsAt: string | null) {
  const before = (await listMessages(world.deps, { callerId: 'ana', conversationId, limit: 10 })).items.length;
  const published = world.published.length;
  const outbox = world.outbox.size;
  const error = await reply(world, conversationId).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WhatsappWindowClosed);
  expect((error as WhatsappWindowClosed).details).toEqual([{ replyWindowEndsAt }]);
  const after = await listMessages(world.deps, { callerId: 'ana', conversationId, limit: 10 });
  expect(after.items).toHaveLength(before);
  expect(world.published.length).toBe(published);
  expect(world.outbox.size).toBe(outbox);
}

describe('WhatsApp reply window', () => {
  it('given the phone wrote 23 h ago, when the owner replies, then it is stored and texted', async () => {
    // Prepare
    const world = await owned();
    const id = await phoneWrites(world, 'whatsapp', START);
    world.advance(23 * HOUR);
    // Act
    const { message, created } = await reply(world, id);
    // Assess
    expect(created).toBe(true);
    expect(message.text).toBe('Claro');
    expect(textRequests(world)).toHaveLength(1);
  });

  it('given the phone wrote 25 h ago, when the owner replies, then 409 and nothing is stored or published', async () => {
    const world = await owned();
    const id = await phoneWrites(world, 'whatsapp', START);
    world.advance(25 * HOUR);
    await refusedWithNothingStored(world, id, '2026-03-02T09:00:00.000Z');
  });

  it('given exactly 24 h have passed, the window is closed (it ends at the 24th hour)', async () => {
    const world = await owned();
    const id = await phoneWrites(world, 'whatsapp', START);
    world.advance(24 * HOUR - 1);
    expect((await reply(world, id, 'c0')).created).toBe(true);
    world.advance(1);
    await refusedWithNothingStored(world, id, '2026-03-02T09:00:00.000Z');
  });

  it('given the phone never wrote, a conversation the owner started is closed from the start', async () => {
    const world = await owned();
    const { conversation } = await startTextConversation(world.deps, {
      callerId: 'ana',
      kind: 'whatsapp',
      phoneNumber: PHONE,
    });
    expect(conversation.replyWindowEndsAt).toBeNull();
    await refusedWithNothingStored(world, conversation.id, null);
  });

  it('given a closed window, a new message from the phone reopens it for 24 h', async () => {
    const world = await owned();
    const id = await phoneWrites(world, 'whatsapp', START);
    world.advance(30 * HOUR);
    await expect(reply(world, id)).rejects.toBeInstanceOf(WhatsappWindowClosed);
    await phoneWrites(world, 'whatsapp', new Date(Date.parse(START) + 30 * HOUR).toISOString(), 'wamid.2');
    expect((await reply(world, id)).created).toBe(true);
    const conversation = await getConversation(world.deps, { callerId: 'ana', conversationId: id });
    expect(conversation.replyWindowEndsAt).toBe('2026-03-03T15:00:00.000Z');
  });

  it('counts from when the phone wrote: a text that arrives late, older than the newest, does not shorten it', async () => {
    const world = await owned();
    const id = await phoneWrites(world, 'whatsapp', '2026-03-01T08:30:00.000Z', 'wamid.new');
    await phoneWrites(world, 'whatsapp', '2026-03-01T02:00:00.000Z', 'wamid.old');
    const { items } = await listConversations(world.deps, { callerId: 'ana', limit: 10 });
    expect(items.map((c) => c.id)).toEqual([id]);
    expect(items[0]?.replyWindowEndsAt).toBe('2026-03-02T08:30:00.000Z');
  });

  it('a provider time ahead of ours counts as now', async () => {
    const world = await owned();
    const id = await phoneWrites(world, 'whatsapp', '2026-03-05T00:00:00.000Z');
    const conversation = await getConversation(world.deps, { callerId: 'ana', conversationId: id });
    expect(conversation.replyWindowEndsAt).toBe('2026-03-02T09:00:00.000Z');
  });

  it('given a conversation from before lastInboundAt was kept, its newest message, if the phone’s, opens the window', () => {
    const lastMessage = (senderId: string) => ({
      messageId: 'm1_x',
      seq: 1,
      senderId,
      preview: 'Hola',
      sentAt: START,
      deleted: false,
    });
    expect(replyWindowEndsAt({ kind: 'whatsapp', lastMessage: lastMessage(`wa:${PHONE}`) })).toBe(
      '2026-03-02T09:00:00.000Z',
    );
    expect(replyWindowEndsAt({ kind: 'whatsapp', lastMessage: lastMessage('ana') })).toBeNull();
    expect(replyWindowEndsAt({ kind: 'sms', lastMessage: lastMessage(`tel:${PHONE}`) })).toBeUndefined();
  });

  it('a retry of a reply accepted while open gets its original back after the window closed', async () => {
    const world = await owned();
    const id = await phoneWrites(world, 'whatsapp', START);
    world.advance(23 * HOUR);
    const first = await reply(world, id, 'same');
    world.advance(2 * HOUR);
    const again = await reply(world, id, 'same');
    expect(again).toEqual({ message: first.message, created: false });
    expect(textRequests(world)).toHaveLength(1);
  });

  it('SMS has no window: a reply days after the last text is sent, and its view has no replyWindowEndsAt', async () => {
    const world = await owned();
    const id = await phoneWrites(world, 'sms', START);
    world.advance(72 * HOUR);
    expect((await reply(world, id)).created).toBe(true);
    const conversation = await getConversation(world.deps, { callerId: 'ana', conversationId: id });
    expect(conversation).not.toHaveProperty('replyWindowEndsAt');
  });

  it('an SMS conversation the owner started carries no window either', async () => {
    const world = await owned();
    const { conversation } = await startTextConversation(world.deps, {
      callerId: 'ana',
      kind: 'sms',
      phoneNumber: PHONE,
    });
    expect(conversation).not.toHaveProperty('replyWindowEndsAt');
  });
});
