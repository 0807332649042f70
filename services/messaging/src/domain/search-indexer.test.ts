import { describe, expect, it } from 'vitest';
import { deleteMessage, editMessage } from './message-changes.ts';
import { searchMessages } from './search.ts';
import { indexMessage, indexSentMessage } from './search-indexer.ts';
import { searchWorld } from './search-test-world.ts';
import { sendMessage } from './send-message.ts';

/** Ana's `text` to Bo, stored and published; nothing indexed yet. */
async function sentUnindexed(text: string) {
  const w = searchWorld();
  const id = await w.chat('ana', ['bo']);
  w.world.advance(1000);
  const { message } = await sendMessage(w.deps, { senderId: 'ana', conversationId: id, clientMessageId: 'k', text });
  return { w, id, message };
}

/** Ana's "alpha" to Bo, stored and published, then edited to "beta"; nothing indexed yet. */
async function sentThenEdited() {
  const sent = await sentUnindexed('alpha');
  await editMessage(sent.w.deps, {
    callerId: 'ana',
    conversationId: sent.id,
    messageId: sent.message.id,
    text: 'beta',
  });
  return sent;
}

describe('indexMessage', () => {
  it('given a sent message, then one entry per distinct prefix and a manifest; a replay writes nothing', async () => {
    const w = searchWorld();
    const id = await w.chat('ana', ['bo']);
    const m = await w.send(id, 'ana', 'Zürich zug');
    expect(w.search.prefixesOf(id, m.seq)).toEqual(['zug', 'zur', 'zuric']);
    const written = w.search.writes.put;

    // the same event again (redelivered, or the drain republished it)
    expect(await w.reindex(id, m.seq)).toEqual({ put: 0, removed: 0 });
    expect(w.search.writes.put).toBe(written);
  });

  it('given an edit, then prefixes the old text alone had are removed and new ones added', async () => {
    const w = searchWorld();
    const id = await w.chat('ana', ['bo']);
    const m = await w.send(id, 'ana', 'Zürich office');
    await w.edit(id, 'ana', m.id, 'Zug office');
    expect(w.search.prefixesOf(id, m.seq)).toEqual(['off', 'offic', 'zug']);
  });

  it('given a delete, then every entry of the message is removed', async () => {
    const w = searchWorld();
    const id = await w.chat('ana', ['bo']);
    const m = await w.send(id, 'ana', 'Zürich office');
    await deleteMessage(w.deps, { callerId: 'ana', conversationId: id, messageId: m.id });
    const { removed } = await w.reindex(id, m.seq);
    expect(removed).toBe(4);
    expect(w.search.prefixesOf(id, m.seq)).toEqual([]);
  });

  it('given events out of order (the edit indexed before the send), then the index holds the current text', async () => {
    const { w, id, message } = await sentThenEdited();
    // the edit's event first, then the send's
    await indexMessage(w.deps, { conversationId: id, seq: message.seq });
    await indexMessage(w.deps, { conversationId: id, seq: message.seq });
    expect(w.search.prefixesOf(id, message.seq)).toEqual(['bet']);
  });

  it('given a newer version recorded meanwhile, then it runs again and rewrites every current prefix', async () => {
    const w = searchWorld();
    const id = await w.chat('ana', ['bo']);
    const m = await w.send(id, 'ana', 'alpha');
    // the manifest of an older text, and entries a concurrent run of that older text removed
    await w.search.index.saveManifest({
      conversationId: id,
      seq: m.seq,
      prefixes: ['al', 'alp', 'alph', 'alpha', 'ga'],
      version: 1,
    });
    await w.search.index.write(
      { conversationId: id, seq: m.seq, sentAt: m.sentAt },
      { put: [], remove: ['al', 'alp'] },
    );
    // and this run's manifest write finds a newer version recorded (once)
    const saveManifest = w.search.index.saveManifest;
    let refusals = 1;
    w.deps.search = {
      ...w.search.index,
      saveManifest: async (mf) => (refusals-- > 0 ? false : saveManifest(mf)),
    };
    await indexMessage(w.deps, { conversationId: id, seq: m.seq });
    expect(refusals).toBeLessThan(0);
    expect(w.search.prefixesOf(id, m.seq)).toEqual(['alp', 'alpha']);
  });
});

describe('indexSentMessage', () => {
  it('given a MessageSent, then its prefixes and manifest from the event alone, and its outbox row retired', async () => {
    // Given Ana's message is stored and published: its outbox row stays for the indexer
    const { w, id, message } = await sentUnindexed('Zürich zug');
    const event = w.sentEvent(message.id);
    expect(w.world.outbox.has(event.eventId)).toBe(true);
    // When its event is indexed, with the store unreadable (nothing may be read)
    const reads = { ...w.deps, messages: { ...w.deps.messages, get: () => Promise.reject(new Error('read')) } };
    const search = { ...w.search.index, manifest: () => Promise.reject(new Error('read')) };
    const done = await indexSentMessage({ ...reads, search }, event);
    // Then the prefixes and the manifest are written, and the row is retired
    expect(done).toEqual({ put: 3, removed: 0 });
    expect(w.search.prefixesOf(id, message.seq)).toEqual(['zug', 'zur', 'zuric']);
    expect(await w.search.index.manifest(id, message.seq)).toEqual({
      conversationId: id,
      seq: message.seq,
      prefixes: ['zur', 'zuric', 'zug'],
      version: 1,
    });
    expect(w.search.retired).toEqual([event.eventId]);
  });

  it('given a text too long for the event, then it is read and indexed, and the row retired', async () => {
    const w = searchWorld();
    const id = await w.chat('ana', ['bo']);
    const m = await w.send(id, 'ana', 'alpha');
    const event = w.sentEvent(m.id);
    w.search.retired.length = 0;
    const done = await indexSentMessage(w.deps, {
      ...event,
      message: { ...event.message, text: undefined, truncated: true },
    });
    // (already indexed by the send: the long way reads the manifest, finds it agrees, writes nothing)
    expect(done).toEqual({ put: 0, removed: 0 });
    expect(w.search.retired).toEqual([event.eventId]);
  });

  it('given the edit indexed before the send, then stale entries at most: search answers by the current text', async () => {
    // Given Ana sends "alpha" and edits it to "beta", and the edit's event is indexed first
    const { w, id, message } = await sentThenEdited();
    await indexMessage(w.deps, { conversationId: id, seq: message.seq });
    // When the send's event comes late
    await indexSentMessage(w.deps, w.sentEvent(message.id));
    // Then "beta" is still found (never missing), and "alpha" finds nothing though its entry is back
    expect(w.search.prefixesOf(id, message.seq)).toEqual(['alp', 'alpha', 'bet']);
    const find = (q: string) => searchMessages(w.deps, { callerId: 'bo', q, limit: 10 });
    expect((await find('beta')).items.map((h) => h.messageId)).toEqual([message.id]);
    expect((await find('alpha')).items).toEqual([]);
    // And the next edit takes the first text's entries out again
    await editMessage(w.deps, { callerId: 'ana', conversationId: id, messageId: message.id, text: 'beta gamma' });
    await indexMessage(w.deps, { conversationId: id, seq: message.seq });
    expect(w.search.prefixesOf(id, message.seq)).toEqual(['bet', 'gam', 'gamma']);
  });
});
