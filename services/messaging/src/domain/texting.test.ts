import { UsageRecorded } from '@parley/events/messaging';
import { describe, expect, it } from 'vitest';
import { memoryWorld } from '../../test/memory.ts';
import { createConversation, listConversations } from './conversations.ts';
import {
  DirectConversationIsFixed,
  InvalidConversation,
  NoParleyNumber,
  TextAttachmentsUnsupported,
} from './errors.ts';
import { listMessages } from './history.ts';
import { addMembers } from './members.ts';
import { sendMessage } from './send-message.ts';
import {
  deliveryMovesTo,
  deliveryRef,
  receiveText,
  recordDelivery,
  recordNumberOwner,
  startTextConversation,
  textConversationId,
} from './texting.ts';

const PARLEY = '+41445550101';
const PHONE = '+41791234567';

async function owned() {
  const world = memoryWorld();
  await recordNumberOwner(world.deps, { e164: PARLEY, userId: 'ana', at: '2026-03-01T08:00:00.000Z' });
  return world;
}

const inbound = (over: Partial<Parameters<typeof receiveText>[1]> = {}) => ({
  channel: 'sms' as const,
  from: PHONE,
  to: PARLEY,
  body: 'Hola Ana',
  providerMessageId: 'SM0001',
  receivedAt: '2026-03-01T09:00:00.000Z',
  ...over,
});

describe('number owners', () => {
  it('keeps the newest event whatever order they arrive in', async () => {
    const world = memoryWorld();
    // released at 10:00, then a late assignment from 09:00 arrives
    expect(await recordNumberOwner(world.deps, { e164: PARLEY, at: '2026-03-01T10:00:00.000Z' })).toBe('applied');
    expect(await recordNumberOwner(world.deps, { e164: PARLEY, userId: 'ana', at: '2026-03-01T09:00:00.000Z' })).toBe(
      'stale',
    );
    expect(await world.deps.numberOwners.ownerOf(PARLEY)).toBeUndefined();
    expect(await recordNumberOwner(world.deps, { e164: PARLEY, userId: 'bo', at: '2026-03-01T11:00:00.000Z' })).toBe(
      'applied',
    );
    expect(await world.deps.numberOwners.numbersOf('bo')).toEqual([PARLEY]);
  });
});

describe('receiveText', () => {
  it('creates the owner’s sms conversation and appends the text from the party, once per provider id', async () => {
    const world = await owned();
    expect(await receiveText(world.deps, inbound())).toBe('appended');
    // the provider redelivers the same text
    expect(await receiveText(world.deps, inbound())).toBe('duplicate');
    expect(await receiveText(world.deps, inbound({ providerMessageId: 'SM0002', body: 'Otra' }))).toBe('appended');

    const id = textConversationId('ana', 'sms', PHONE);
    const { items } = await listConversations(world.deps, { callerId: 'ana', limit: 10 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id,
      kind: 'sms',
      party: { phoneNumber: PHONE, channel: 'sms', via: PARLEY },
      members: [{ userId: 'ana' }],
      unreadCount: 2,
    });
    const history = await listMessages(world.deps, { callerId: 'ana', conversationId: id, limit: 10 });
    expect(history.items.map((m) => [m.seq, m.senderId, m.text, m.clientMessageId])).toEqual([
      [1, `tel:${PHONE}`, 'Hola Ana', 'SM0001'],
      [2, `tel:${PHONE}`, 'Otra', 'SM0002'],
    ]);
    // the owner hears of the conversation and of each message (frames)
    const sent = world.published.filter((e) => e.event.detailType === 'messaging.MessageSent');
    expect(sent.map((e) => e.audience)).toEqual([['ana'], ['ana']]);
    expect(world.publishedTypes()).toContain('messaging.ConversationCreated');
  });

  it('gives WhatsApp its own conversation and hashes a provider id that is no Id', async () => {
    const world = await owned();
    const wamid = 'wamid.HBgLMTQxNTU1NTAxMDAVAgASGBQzQUJDREVGMDEyMzQ1Njc4OUFCQwA=';
    await receiveText(world.deps, inbound({ channel: 'whatsapp', providerMessageId: wamid }));
    expect(await receiveText(world.deps, inbound({ channel: 'whatsapp', providerMessageId: wamid }))).toBe('duplicate');
    const id = textConversationId('ana', 'whatsapp', PHONE);
    const [message] = (await listMessages(world.deps, { callerId: 'ana', conversationId: id, limit: 10 })).items;
    expect(message?.senderId).toBe(`wa:${PHONE}`);
    expect(message?.clientMessageId).toMatch(/^p_[A-Za-z0-9_-]{40}$/);
  });

  it('charges the owner one WhatsApp message received, once per provider id, in the write of the message; an SMS received is not charged', async () => {
    const world = await owned();
    const wamid = 'wamid.HBgLMTQxNTU1NTAxMDAVAgASGBQzQUJDREVGMDEyMzQ1Njc4OUFCQwA=';
    await receiveText(world.deps, inbound({ channel: 'whatsapp', providerMessageId: wamid }));
    await receiveText(world.deps, inbound({ channel: 'whatsapp', providerMessageId: wamid }));
    await receiveText(world.deps, inbound({ providerMessageId: 'SM0009' }));

    const usage = world.published.filter((e) => e.event.detailType === 'messaging.UsageRecorded');
    expect(usage).toHaveLength(1);
    const [message] = (
      await listMessages(world.deps, {
        callerId: 'ana',
        conversationId: textConversationId('ana', 'whatsapp', PHONE),
        limit: 10,
      })
    ).items;
    expect(usage[0]?.audience).toEqual([]);
    expect(usage[0]?.data).toEqual({
      usageId: `wa-in-${message?.clientMessageId}`,
      userId: 'ana',
      feature: 'whatsapp-message',
      quantity: 1,
      unit: 'message',
      unitPrice: 0.005,
      currency: 'USD',
      at: message?.sentAt,
      amountMicros: 5_000,
      country: 'CH',
      direction: 'inbound',
      reason: 'text-received',
      conversationId: message?.conversationId,
      messageId: message?.id,
      providerMessageId: wamid,
    });
    // what the bus would refuse never leaves: the data is a valid messaging.UsageRecorded
    expect(UsageRecorded.data.safeParse(usage[0]?.data).success).toBe(true);
  });

  it('appends texts that arrive at once beside the owner’s reply with gap-free seqs, each once', async () => {
    const world = await owned();
    expect(await receiveText(world.deps, inbound())).toBe('appended');
    const id = textConversationId('ana', 'sms', PHONE);
    const results = await Promise.all([
      ...['SM0002', 'SM0003', 'SM0004'].map((providerMessageId) =>
        receiveText(world.deps, inbound({ providerMessageId, body: providerMessageId })),
      ),
      sendMessage(world.deps, { senderId: 'ana', conversationId: id, clientMessageId: 'reply', text: 'Un momento' }),
    ]);
    expect(results.slice(0, 3)).toEqual(['appended', 'appended', 'appended']);
    const history = await listMessages(world.deps, { callerId: 'ana', conversationId: id, limit: 10 });
    expect(history.items.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(history.items.map((m) => m.text).sort()).toEqual(['Hola Ana', 'SM0002', 'SM0003', 'SM0004', 'Un momento']);
  });

  it('drops a text to a number nobody owns', async () => {
    const world = memoryWorld();
    expect(await receiveText(world.deps, inbound())).toBe('no-owner');
    expect(world.stored.conversationsById.size).toBe(0);
  });
});

describe('replies and delivery', () => {
  async function conversationWithText() {
    const world = await owned();
    await receiveText(world.deps, inbound());
    world.published.length = 0;
    return { world, id: textConversationId('ana', 'sms', PHONE) };
  }

  it('writes TextRequested with the reply, in the same write, with no audience', async () => {
    const { world, id } = await conversationWithText();
    const { message } = await sendMessage(world.deps, {
      senderId: 'ana',
      conversationId: id,
      clientMessageId: 'r1',
      text: 'Hi!',
    });
    expect(world.publishedTypes()).toEqual(['messaging.MessageSent', 'messaging.TextRequested']);
    expect(world.published[1]).toMatchObject({
      audience: [],
      data: {
        conversationId: id,
        messageId: message.id,
        seq: 2,
        channel: 'sms',
        from: PARLEY,
        to: PHONE,
        text: 'Hi!',
        requestedBy: 'ana',
        ref: deliveryRef(id, message.id),
      },
    });
  });

  it('does not ask for a text in a direct conversation', async () => {
    const world = memoryWorld();
    const { conversation } = await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] });
    world.published.length = 0;
    await sendMessage(world.deps, {
      senderId: 'ana',
      conversationId: conversation.id,
      clientMessageId: 'x',
      text: 'y',
    });
    expect(world.publishedTypes()).toEqual(['messaging.MessageSent']);
  });

  it('refuses attachments and new members in a text conversation', async () => {
    const { world, id } = await conversationWithText();
    await expect(
      sendMessage(world.deps, { senderId: 'ana', conversationId: id, clientMessageId: 'r1', attachmentIds: ['a1'] }),
    ).rejects.toBeInstanceOf(TextAttachmentsUnsupported);
    await expect(
      addMembers(world.deps, { callerId: 'ana', conversationId: id, userIds: ['bo'] }),
    ).rejects.toBeInstanceOf(DirectConversationIsFixed);
  });

  it('moves delivery forward only, announces each step to the owner, and keeps failed final', async () => {
    const { world, id } = await conversationWithText();
    const { message } = await sendMessage(world.deps, {
      senderId: 'ana',
      conversationId: id,
      clientMessageId: 'r1',
      text: 'Hi!',
    });
    world.published.length = 0;
    const ref = deliveryRef(id, message.id);
    expect(await recordDelivery(world.deps, { ref, status: 'delivered' })).toBe('applied');
    // a late `sent` and a `failed` after delivery change nothing
    expect(await recordDelivery(world.deps, { ref, status: 'sent' })).toBe('ignored');
    expect(await recordDelivery(world.deps, { ref, status: 'failed', reason: 'x' })).toBe('ignored');
    const [stored] = (await listMessages(world.deps, { callerId: 'ana', conversationId: id, afterSeq: 1, limit: 10 }))
      .items;
    expect(stored?.delivery).toMatchObject({ status: 'delivered' });
    expect(world.published).toHaveLength(1);
    expect(world.published[0]).toMatchObject({
      event: { detailType: 'messaging.MessageDeliveryChanged' },
      audience: ['ana'],
      data: { conversationId: id, messageId: message.id, seq: 2, delivery: 'delivered' },
    });
    // refs that are not ours are ignored
    expect(await recordDelivery(world.deps, { ref: 'digest-1', status: 'sent' })).toBe('ignored');
    expect(await recordDelivery(world.deps, { ref: `${id}.m9_nope`, status: 'sent' })).toBe('ignored');
  });

  it('records a failure with its reason', async () => {
    const { world, id } = await conversationWithText();
    const { message } = await sendMessage(world.deps, {
      senderId: 'ana',
      conversationId: id,
      clientMessageId: 'r1',
      text: 'Hi!',
    });
    const ref = deliveryRef(id, message.id);
    await recordDelivery(world.deps, { ref, status: 'sent' });
    await recordDelivery(world.deps, { ref, status: 'failed', reason: 'opted-out' });
    expect(await recordDelivery(world.deps, { ref, status: 'delivered' })).toBe('ignored');
    expect(world.stored.messagesByKey.get(`${id}#2`)?.delivery).toMatchObject({
      status: 'failed',
      reason: 'opted-out',
    });
  });

  it('orders delivery states: none < sent < delivered, failed final', () => {
    expect(deliveryMovesTo(undefined, 'sent')).toBe(true);
    expect(deliveryMovesTo('sent', 'delivered')).toBe(true);
    expect(deliveryMovesTo('sent', 'failed')).toBe(true);
    expect(deliveryMovesTo('sent', 'sent')).toBe(false);
    expect(deliveryMovesTo('delivered', 'failed')).toBe(false);
    expect(deliveryMovesTo('failed', 'delivered')).toBe(false);
  });
});

describe('startTextConversation', () => {
  it('starts (then returns) the caller’s conversation with a phone number from their Parley number', async () => {
    const world = await owned();
    const first = await startTextConversation(world.deps, { callerId: 'ana', kind: 'sms', phoneNumber: PHONE });
    expect(first.created).toBe(true);
    expect(first.conversation).toMatchObject({
      id: textConversationId('ana', 'sms', PHONE),
      kind: 'sms',
      party: { phoneNumber: PHONE, channel: 'sms', via: PARLEY },
    });
    // the same party texting in lands in the same conversation
    await receiveText(world.deps, inbound());
    const again = await startTextConversation(world.deps, { callerId: 'ana', kind: 'sms', phoneNumber: PHONE });
    expect(again).toMatchObject({ created: false, conversation: { id: first.conversation.id, unreadCount: 1 } });
  });

  it('refuses someone without a Parley number, a via that is not theirs, and a number that is no E.164', async () => {
    const world = await owned();
    await expect(
      startTextConversation(world.deps, { callerId: 'bo', kind: 'sms', phoneNumber: PHONE }),
    ).rejects.toBeInstanceOf(NoParleyNumber);
    await expect(
      startTextConversation(world.deps, { callerId: 'ana', kind: 'sms', phoneNumber: PHONE, via: '+41445550199' }),
    ).rejects.toBeInstanceOf(InvalidConversation);
    await expect(
      startTextConversation(world.deps, { callerId: 'ana', kind: 'whatsapp', phoneNumber: '0791234567' }),
    ).rejects.toBeInstanceOf(InvalidConversation);
  });
});
