import { describe, expect, it } from 'vitest';
import { ConversationNotFound, InvalidCursor, RateLimited } from './errors.ts';
import { addMembers, removeMember } from './members.ts';
import { deleteMessage } from './message-changes.ts';
import { declineConversation } from './request-answers.ts';
import { SEARCH_LIMITS, searchMessages } from './search.ts';
import { searchWorld } from './search-test-world.ts';

type W = ReturnType<typeof searchWorld>;
const find = (
  w: W,
  callerId: string,
  q: string,
  more: { conversationId?: string; cursor?: string; limit?: number } = {},
) => searchMessages(w.deps, { callerId, q, limit: 20, ...more });
const texts = (page: { items: { text: string }[] }) => page.items.map((i) => i.text);

describe('searchMessages', () => {
  it('given "zur", then a message with Zürich, its word marked, in any case or accent', async () => {
    const w = searchWorld();
    const id = await w.chat('ana', ['bo']);
    const m = await w.send(id, 'ana', 'See you in Zürich!');
    await w.send(id, 'bo', 'ok');

    const page = await find(w, 'bo', 'ZÜR');

    expect(page).toEqual({
      items: [
        {
          conversationId: id,
          messageId: m.id,
          seq: m.seq,
          senderId: 'ana',
          sentAt: m.sentAt,
          text: 'See you in Zürich!',
          highlights: [{ start: 11, end: 17 }],
        },
      ],
      nextCursor: null,
    });
  });

  it('given a 2-letter word, then the messages with that word, not those with a word it begins (ADR 0019)', async () => {
    const w = searchWorld();
    const id = await w.chat('ana', ['bo']);
    await w.send(id, 'ana', 'ok, see you');
    await w.send(id, 'bo', 'okay then');
    await w.send(id, 'ana', 'OK with the okay');

    expect(texts(await find(w, 'bo', 'ok'))).toEqual(['OK with the okay', 'ok, see you']);
    expect(texts(await find(w, 'bo', 'oka'))).toEqual(['OK with the okay', 'okay then']);
    expect(texts(await find(w, 'bo', 'ok then'))).toEqual([]);
  });

  it('given several words, then only messages with all of them, newest first, across conversations', async () => {
    const w = searchWorld();
    const one = await w.chat('ana', ['bo']);
    const group = await w.chat('ana', ['bo', 'cy'], 'Team');
    await w.send(one, 'ana', 'budget review friday');
    await w.send(group, 'bo', 'the budget is done');
    await w.send(group, 'cy', 'review the budget please');
    await w.send(one, 'bo', 'friday then');

    expect(texts(await find(w, 'ana', 'budg rev'))).toEqual(['review the budget please', 'budget review friday']);
    expect(texts(await find(w, 'ana', 'budget', { conversationId: group }))).toEqual([
      'review the budget please',
      'the budget is done',
    ]);
  });

  it('given more hits than the limit, then pages follow the cursor without gaps or repeats', async () => {
    const w = searchWorld();
    const id = await w.chat('ana', ['bo']);
    for (let i = 1; i <= 7; i++) await w.send(id, 'ana', `note ${i}`);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await find(w, 'bo', 'note', { limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...texts(page));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(seen).toEqual(['note 7', 'note 6', 'note 5', 'note 4', 'note 3', 'note 2', 'note 1']);
    expect(pages).toBe(3);
  });

  it('given a cursor of another query, or not a cursor, then InvalidCursor before anything is counted', async () => {
    const w = searchWorld();
    const id = await w.chat('ana', ['bo']);
    for (let i = 1; i <= 3; i++) await w.send(id, 'ana', `note ${i}`);
    const { nextCursor } = await find(w, 'bo', 'note', { limit: 1 });
    await expect(find(w, 'bo', 'other', { cursor: nextCursor as string })).rejects.toBeInstanceOf(InvalidCursor);
    await expect(find(w, 'bo', 'note', { cursor: 'bm90IGpzb24' })).rejects.toBeInstanceOf(InvalidCursor);
    await expect(find(w, 'bo', 'note', { cursor: nextCursor as string, conversationId: id })).rejects.toBeInstanceOf(
      InvalidCursor,
    );
  });

  it('given someone who is not a member, then nothing of the conversation, and 404 when they name it', async () => {
    const w = searchWorld();
    const id = await w.chat('ana', ['bo']);
    await w.send(id, 'ana', 'secret plan');
    expect((await find(w, 'cy', 'secret')).items).toEqual([]);
    await expect(find(w, 'cy', 'secret', { conversationId: id })).rejects.toBeInstanceOf(ConversationNotFound);
  });

  it('given a member who left, or who declined a request, then nothing of it any more', async () => {
    const w = searchWorld();
    const group = await w.chat('ana', ['bo', 'cy'], 'Team');
    await w.send(group, 'ana', 'secret plan');
    expect((await find(w, 'cy', 'secret')).items).toHaveLength(1);
    await removeMember(w.deps, { callerId: 'cy', conversationId: group, userId: 'cy' });
    expect((await find(w, 'cy', 'secret')).items).toEqual([]);

    w.world.strangers();
    const direct = await w.chat('dan', ['eve']);
    await w.send(direct, 'dan', 'secret offer');
    expect((await find(w, 'eve', 'secret')).items).toHaveLength(1);
    await declineConversation(w.deps, { callerId: 'eve', conversationId: direct });
    expect((await find(w, 'eve', 'secret')).items).toEqual([]);
  });

  it('given a re-added member, then they find the old history again, as GET …/messages shows it', async () => {
    const w = searchWorld();
    const group = await w.chat('ana', ['bo', 'cy'], 'Team');
    await w.send(group, 'ana', 'old news');
    await removeMember(w.deps, { callerId: 'ana', conversationId: group, userId: 'cy' });
    await addMembers(w.deps, { callerId: 'ana', conversationId: group, userIds: ['cy'] });
    expect(texts(await find(w, 'cy', 'news'))).toEqual(['old news']);
  });

  it('given an edited message, then it matches its new text only; a deleted one never', async () => {
    const w = searchWorld();
    const id = await w.chat('ana', ['bo']);
    const edited = await w.send(id, 'ana', 'meet at noon');
    const deleted = await w.send(id, 'ana', 'meet at dawn');
    await w.edit(id, 'ana', edited.id, 'meet at dusk');
    // deleted, and not re-indexed yet: the message itself decides
    await deleteMessage(w.deps, { callerId: 'ana', conversationId: id, messageId: deleted.id });

    expect(texts(await find(w, 'bo', 'noon'))).toEqual([]);
    expect(texts(await find(w, 'bo', 'dusk'))).toEqual(['meet at dusk']);
    expect(texts(await find(w, 'bo', 'dawn'))).toEqual([]);
    expect(texts(await find(w, 'bo', 'meet'))).toEqual(['meet at dusk']);
  });

  it('given a busy index, then one search reads at most its budget and answers a cursor to go on', async () => {
    const w = searchWorld();
    const theirs = await w.chat('ana', ['bo']);
    const mine = await w.chat('cy', ['dan']);
    await w.send(mine, 'cy', 'needle');
    // many newer entries under the same prefix in a conversation cy is not in
    for (let i = 0; i < 5; i++) {
      await w.search.index.write(
        { conversationId: theirs, seq: 1000 + i, sentAt: `2027-01-01T00:00:0${i}.000Z` },
        { put: ['nee'], remove: [] },
      );
    }
    const budget = SEARCH_LIMITS.scanBudget;
    (SEARCH_LIMITS as { scanBudget: number }).scanBudget = 3;
    try {
      const first = await find(w, 'cy', 'nee');
      expect(first.items).toEqual([]);
      expect(first.nextCursor).not.toBeNull();
      const second = await find(w, 'cy', 'nee', { cursor: first.nextCursor as string });
      expect(texts(second)).toEqual(['needle']);
      // it read its whole budget, so it cannot know it was the last: one more page says so
      const third = await find(w, 'cy', 'nee', { cursor: second.nextCursor as string });
      expect(third).toEqual({ items: [], nextCursor: null });
    } finally {
      (SEARCH_LIMITS as { scanBudget: number }).scanBudget = budget;
    }
  });

  it('given too many searches in the window, then RateLimited with the seconds left, and later allowed', async () => {
    const w = searchWorld();
    await w.chat('ana', ['bo']);
    for (let i = 0; i < w.deps.limits.search.perUser; i++) await find(w, 'ana', 'hello');
    const refused = await find(w, 'ana', 'hello').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimited);
    expect((refused as RateLimited).retryAfterSeconds).toBeGreaterThan(0);
    // someone else is not limited by it, and the next window allows again
    await expect(find(w, 'bo', 'hello')).resolves.toMatchObject({ items: [] });
    w.world.advance(w.deps.limits.search.windowSeconds * 1000);
    await expect(find(w, 'ana', 'hello')).resolves.toMatchObject({ items: [] });
  });
});
