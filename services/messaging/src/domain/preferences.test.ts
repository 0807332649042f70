import { describe, expect, it } from 'vitest';
import { memoryWorld } from '../../test/memory.ts';
import { createConversation, getConversation, listConversations } from './conversations.ts';
import { ConversationNotFound, TooManyPinned } from './errors.ts';
import { isArchived, MAX_PINNED, setPreferences } from './preferences.ts';
import { sendMessage } from './send-message.ts';

async function world3() {
  const world = memoryWorld();
  const ids: string[] = [];
  for (const other of ['bo', 'cy', 'dee']) {
    const { conversation } = await createConversation(world.deps, { callerId: 'ana', memberIds: [other] });
    ids.push(conversation.id);
    world.advance(1000);
  }
  return { world, ids: ids as [string, string, string] };
}

const list = async (world: ReturnType<typeof memoryWorld>, callerId = 'ana') =>
  (await listConversations(world.deps, { callerId, limit: 50 })).items;

describe('setPreferences', () => {
  it('stores mute, archive and pin for the caller alone', async () => {
    const { world, ids } = await world3();
    const publishedBefore = world.published.length;
    const view = await setPreferences(world.deps, {
      callerId: 'ana',
      conversationId: ids[0],
      muted: true,
      pinned: true,
    });
    expect(view).toMatchObject({ muted: true, pinned: true, archived: false });
    // Ana's own reads show them
    await expect(getConversation(world.deps, { callerId: 'ana', conversationId: ids[0] })).resolves.toMatchObject({
      muted: true,
      pinned: true,
    });
    // Bo's view of the same conversation does not: preferences are per person
    const bos = await getConversation(world.deps, { callerId: 'bo', conversationId: ids[0] });
    expect(bos).toMatchObject({ muted: false, pinned: false, archived: false });
    expect(JSON.stringify(bos.members)).not.toContain('muted');
    expect((await list(world, 'bo'))[0]).toMatchObject({ muted: false, pinned: false });
    // a later call changes only what it names
    await expect(
      setPreferences(world.deps, { callerId: 'ana', conversationId: ids[0], pinned: false }),
    ).resolves.toMatchObject({ muted: true, pinned: false });
    // and nothing is published (nobody else needs to know)
    expect(world.published).toHaveLength(publishedBefore);
  });

  it('orders the list pinned first, then by activity, and hides nothing (archived is a flag)', async () => {
    const { world, ids } = await world3();
    // newest first: dee, cy, bo
    expect((await list(world)).map((c) => c.id)).toEqual([ids[2], ids[1], ids[0]]);
    await setPreferences(world.deps, { callerId: 'ana', conversationId: ids[0], pinned: true });
    await setPreferences(world.deps, { callerId: 'ana', conversationId: ids[2], archived: true });
    const items = await list(world);
    expect(items.map((c) => c.id)).toEqual([ids[0], ids[2], ids[1]]);
    expect(items.map((c) => [c.pinned, c.archived])).toEqual([
      [true, false],
      [false, true],
      [false, false],
    ]);
  });

  it('unarchives on a new message unless muted (WhatsApp), and keeps it archived when unmuted', async () => {
    const { world, ids } = await world3();
    await setPreferences(world.deps, { callerId: 'ana', conversationId: ids[0], archived: true });
    await setPreferences(world.deps, { callerId: 'ana', conversationId: ids[1], archived: true, muted: true });
    world.advance(1000);
    await sendMessage(world.deps, { senderId: 'bo', conversationId: ids[0], clientMessageId: 'b1', text: 'Back?' });
    await sendMessage(world.deps, { senderId: 'cy', conversationId: ids[1], clientMessageId: 'c1', text: 'Hi' });
    const byId = new Map((await list(world)).map((c) => [c.id, c]));
    expect(byId.get(ids[0])?.archived).toBe(false);
    expect(byId.get(ids[1])).toMatchObject({ archived: true, muted: true });
    // unmuting keeps it archived until the next message
    world.advance(1000);
    await expect(
      setPreferences(world.deps, { callerId: 'ana', conversationId: ids[1], muted: false }),
    ).resolves.toMatchObject({ archived: true, muted: false });
    world.advance(1000);
    await sendMessage(world.deps, { senderId: 'cy', conversationId: ids[1], clientMessageId: 'c2', text: 'Hey' });
    await expect(getConversation(world.deps, { callerId: 'ana', conversationId: ids[1] })).resolves.toMatchObject({
      archived: false,
    });
  });

  it(`pins at most ${MAX_PINNED} conversations`, async () => {
    const world = memoryWorld();
    const ids: string[] = [];
    for (let i = 0; i <= MAX_PINNED; i++) {
      const { conversation } = await createConversation(world.deps, { callerId: 'ana', memberIds: [`u${i}`] });
      ids.push(conversation.id);
    }
    for (const id of ids.slice(0, MAX_PINNED))
      await setPreferences(world.deps, { callerId: 'ana', conversationId: id, pinned: true });
    // pinning one already pinned again is fine
    await setPreferences(world.deps, { callerId: 'ana', conversationId: ids[0] as string, pinned: true });
    await expect(
      setPreferences(world.deps, { callerId: 'ana', conversationId: ids[MAX_PINNED] as string, pinned: true }),
    ).rejects.toBeInstanceOf(TooManyPinned);
    expect(world.stored.memberStates.get(`${ids[MAX_PINNED]}#ana`)?.pinned).not.toBe(true);
  });

  it('refuses someone who is not a member, storing nothing', async () => {
    const { world, ids } = await world3();
    await expect(
      setPreferences(world.deps, { callerId: 'eve', conversationId: ids[0], muted: true }),
    ).rejects.toBeInstanceOf(ConversationNotFound);
    expect(world.stored.memberStates.has(`${ids[0]}#eve`)).toBe(false);
  });
});

describe('isArchived', () => {
  it('is archived until newer activity, or for good while muted', () => {
    expect(isArchived(undefined, '2026-01-03')).toBe(false);
    expect(isArchived({ archivedAt: '2026-01-02' }, '2026-01-01')).toBe(true);
    expect(isArchived({ archivedAt: '2026-01-02' }, '2026-01-03')).toBe(false);
    expect(isArchived({ archivedAt: '2026-01-02', muted: true }, '2026-01-03')).toBe(true);
  });
});
