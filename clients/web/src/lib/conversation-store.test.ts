import { ConversationRead, MessageDeleted, MessageEdited, ReactionChanged } from '@parley/events/messaging';
import { describe, expect, it, vi } from 'vitest';
import { eventFrame, typingFrame } from '../test/fake-server.ts';
import { FakeServer, settle, storeFor, texts } from '../test/harness.ts';

function twoPeople() {
  const server = new FakeServer();
  const ada = server.addUser('Ada Lovelace');
  const bob = server.addUser('Bob Marley');
  const chat = server.addConversation([ada.id, bob.id]);
  return { server, ada, bob, chat };
}

describe('conversation store', () => {
  it('opens on the newest page and scrolls back through history in seq order, each message once', async () => {
    // Given a conversation with 120 messages
    const { server, ada, bob, chat } = twoPeople();
    for (let i = 1; i <= 120; i += 1) server.post(chat.id, i % 2 ? ada.id : bob.id, `message ${i}`);
    const store = storeFor(server, ada.id);
    await store.loadList();

    // When Ada opens it and scrolls back twice
    await store.open(chat.id);
    const first = texts(store, chat.id);
    await store.loadOlder(chat.id);
    await store.loadOlder(chat.id);

    // Then she saw the newest 50 first, and now holds all 120 in order with nothing older to load
    expect(first).toEqual(Array.from({ length: 50 }, (_, i) => `message ${i + 71}`));
    expect(texts(store, chat.id)).toEqual(Array.from({ length: 120 }, (_, i) => `message ${i + 1}`));
    expect(store.state.get().timelines[chat.id]?.hasOlder).toBe(false);
  });

  it('loads a conversation opened before the list arrived, even when opened twice at once', async () => {
    // Given a chat with history that the store has not listed yet (a deep link, a reload)
    const { server, ada, bob, chat } = twoPeople();
    server.post(chat.id, bob.id, 'are you in Singapore yet?');
    server.post(chat.id, ada.id, 'landing now');
    const direct = server.fetch;
    let pages = 0;
    server.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await direct(input, init);
      // the network returns the first history request last
      if (String(input).includes('/messages?') && pages++ === 0) await new Promise((r) => setTimeout(r, 30));
      return response;
    }) as typeof fetch;
    const store = storeFor(server, ada.id);

    // When it is opened twice concurrently (as React's StrictMode does) on that slow network
    await Promise.all([store.open(chat.id), store.open(chat.id)]);
    await new Promise((r) => setTimeout(r, 50));
    await settle();

    // Then the history is there, once
    expect(texts(store, chat.id)).toEqual(['are you in Singapore yet?', 'landing now']);
  });

  it('fills a seq gap from the REST API when a frame skips ahead', async () => {
    // Given Ada holds messages 1–3
    const { server, ada, bob, chat } = twoPeople();
    for (let i = 1; i <= 3; i += 1) server.post(chat.id, bob.id, `m${i}`);
    const store = storeFor(server, ada.id);
    await store.loadList();
    await store.open(chat.id);

    // When messages 4–6 are stored but only the frame for 6 reaches her
    server.post(chat.id, bob.id, 'm4');
    server.post(chat.id, bob.id, 'm5');
    const { message } = server.post(chat.id, bob.id, 'm6');
    store.applyFrame(server.sentFrame(message));
    await settle();

    // Then she asked for everything after 3, and shows 1–6 once, in order
    expect(server.calls.some((c) => c.path.endsWith('/messages') && c.query.get('afterSeq') === '3')).toBe(true);
    expect(texts(store, chat.id)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
  });

  it('shows a message once when its frame arrives twice and after the POST answered', async () => {
    // Given Ada has the chat open
    const { server, ada, chat } = twoPeople();
    const store = storeFor(server, ada.id);
    await store.loadList();
    await store.open(chat.id);

    // When she sends, and the MessageSent frame for it arrives twice
    await store.send(chat.id, { text: 'hello' });
    const stored = server.conversations.get(chat.id)?.messages[0];
    if (!stored) throw new Error('not stored');
    store.applyFrame(server.sentFrame(stored));
    store.applyFrame(server.sentFrame(stored));
    await settle();

    // Then the timeline holds exactly one, sent, message
    const messages = store.state.get().timelines[chat.id]?.messages ?? [];
    expect(messages.map((m) => [m.text, m.state, m.seq])).toEqual([['hello', 'sent', 1]]);
  });

  it('tries a send that failed on the way again, with the same clientMessageId, before the next one goes', async () => {
    // Given an open chat, and a network that drops the next request
    const { server, ada, chat } = twoPeople();
    const store = storeFor(server, ada.id);
    await store.loadList();
    await store.open(chat.id);
    server.failNext = 1;

    // When Ada sends two messages without waiting
    await Promise.all([store.send(chat.id, { text: 'first' }), store.send(chat.id, { text: 'second' })]);

    // Then the first went out again under its own clientMessageId, and both are stored once, in order
    const posts = server.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/messages'));
    const ids = posts.map((c) => (c.body as { clientMessageId: string }).clientMessageId);
    expect(ids).toHaveLength(3);
    expect(ids[0]).toBe(ids[1]);
    expect(server.conversations.get(chat.id)?.messages.map((m) => [m.seq, m.text])).toEqual([
      [1, 'first'],
      [2, 'second'],
    ]);
    expect(store.state.get().timelines[chat.id]?.messages.map((m) => [m.text, m.state])).toEqual([
      ['first', 'sent'],
      ['second', 'sent'],
    ]);
  });

  it('gives up on a send whose answer never comes, tries it again, and lets the next one go', async () => {
    // Given a server that stores Ada's first message but whose answer is lost (the request hangs)
    const { server, ada, chat } = twoPeople();
    const direct = server.fetch;
    let posts = 0;
    server.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await direct(input, init);
      if (init?.method !== 'POST' || !String(input).endsWith('/messages') || posts++ > 0) return response;
      return new Promise<Response>((_, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    }) as typeof fetch;
    const store = storeFor(server, ada.id, [], { timeoutMs: 50, retryDelaysMs: [5] });
    await store.loadList();
    await store.open(chat.id);

    // When she sends two messages without waiting
    await Promise.all([store.send(chat.id, { text: 'first' }), store.send(chat.id, { text: 'second' })]);

    // Then both are stored once each, in order, and her screen shows them sent
    expect(server.conversations.get(chat.id)?.messages.map((m) => [m.seq, m.text])).toEqual([
      [1, 'first'],
      [2, 'second'],
    ]);
    expect(store.state.get().timelines[chat.id]?.messages.map((m) => [m.text, m.state])).toEqual([
      ['first', 'sent'],
      ['second', 'sent'],
    ]);
  });

  it('shows a message written before the history arrived, and keeps it when the history comes', async () => {
    // Given a chat with history, on a network where the history is slow to come
    const { server, ada, bob, chat } = twoPeople();
    server.post(chat.id, bob.id, 'are you in Singapore yet?');
    let deliverHistory: () => void = () => undefined;
    const historyHeld = new Promise<void>((resolve) => {
      deliverHistory = resolve;
    });
    const direct = server.fetch;
    server.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await direct(input, init);
      if ((init?.method ?? 'GET') === 'GET' && String(input).includes('/messages?')) await historyHeld;
      return response;
    }) as typeof fetch;
    const store = storeFor(server, ada.id);
    await store.loadList();

    // When Ada opens it and writes before the history is there
    const opening = store.open(chat.id);
    await settle();
    const sending = store.send(chat.id, { text: 'landing now' });

    // Then her message shows at once, as pending
    expect(store.state.get().timelines[chat.id]?.messages.map((m) => [m.text, m.state])).toEqual([
      ['landing now', 'pending'],
    ]);

    // When the history arrives
    await sending;
    deliverHistory();
    await opening;
    await settle();

    // Then both show, in order, each once, and the server holds hers once
    expect(store.state.get().timelines[chat.id]?.messages.map((m) => [m.text, m.state])).toEqual([
      ['are you in Singapore yet?', 'sent'],
      ['landing now', 'sent'],
    ]);
    expect(server.conversations.get(chat.id)?.messages.map((m) => m.text)).toEqual([
      'are you in Singapore yet?',
      'landing now',
    ]);
  });

  it('counts unread messages of conversations not on screen, orders by activity, and clears on open', async () => {
    // Given two conversations, the second one newer
    const server = new FakeServer();
    const ada = server.addUser('Ada');
    const bob = server.addUser('Bob');
    const cy = server.addUser('Cy');
    const withBob = server.addConversation([ada.id, bob.id]);
    const withCy = server.addConversation([ada.id, cy.id]);
    server.post(withBob.id, bob.id, 'old');
    server.post(withCy.id, cy.id, 'newer');
    const store = storeFor(server, ada.id);
    await store.loadList();
    expect(store.state.get().order).toEqual([withCy.id, withBob.id]);

    // When Bob writes twice while Ada looks elsewhere
    for (const text of ['one', 'two'])
      store.applyFrame(server.sentFrame(server.post(withBob.id, bob.id, text).message));

    // Then Bob's chat moves to the top with 3 unread, and opening it clears them and moves the read marker
    expect(store.state.get().order[0]).toBe(withBob.id);
    expect(store.state.get().conversations[withBob.id]?.unreadCount).toBe(3);
    await store.open(withBob.id);
    expect(store.state.get().conversations[withBob.id]?.unreadCount).toBe(0);
    expect(server.conversations.get(withBob.id)?.reads.get(ada.id)).toBe(3);
  });

  it('keeps the unread count of frames already applied when a fetch answered with an older snapshot', async () => {
    // Given Ada holds her chat with Bob and one unread message, on a network that can hold an answer
    const { server, ada, bob, chat } = twoPeople();
    server.post(chat.id, bob.id, 'one');
    const direct = server.fetch;
    let hold: Promise<void> | undefined;
    server.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await direct(input, init);
      if (hold && new URL(String(input), 'http://x').pathname.endsWith(`/conversations/${chat.id}`)) await hold;
      return response;
    }) as typeof fetch;
    const store = storeFor(server, ada.id);
    await store.loadList();
    expect(store.state.get().conversations[chat.id]).toMatchObject({ unreadCount: 1, lastSeq: 1 });

    // When a fetch of the conversation is answered by the server now, and Bob's next message's
    // frame arrives before that answer does
    let release: () => void = () => undefined;
    hold = new Promise<void>((r) => {
      release = r;
    });
    const fetching = store.fetchConversation(chat.id);
    await new Promise((r) => setTimeout(r, 10));
    store.applyFrame(server.sentFrame(server.post(chat.id, bob.id, 'two').message));
    expect(store.state.get().conversations[chat.id]).toMatchObject({ unreadCount: 2, lastSeq: 2 });
    release();
    await fetching;

    // Then the older answer does not take the second message back
    expect(store.state.get().conversations[chat.id]).toMatchObject({ unreadCount: 2, lastSeq: 2 });
  });

  it('counts each of Bob’s messages once when their frames come out of order, and none a fetch already counted', async () => {
    // Given Ada's list is loaded with one unread message from Bob, the chat not open
    const { server, ada, bob, chat } = twoPeople();
    server.post(chat.id, bob.id, 'one');
    const store = storeFor(server, ada.id);
    await store.loadList();
    expect(store.state.get().conversations[chat.id]).toMatchObject({ unreadCount: 1, lastSeq: 1 });

    // When Bob sends three more and the bus delivers their frames as 4, 2, 3, and 4 again
    const sent = ['two', 'three', 'four'].map((text) => server.sentFrame(server.post(chat.id, bob.id, text).message));
    for (const frame of [sent[2], sent[0], sent[1], sent[2]]) store.applyFrame(frame as (typeof sent)[number]);

    // Then all four are unread, the newest shown last
    expect(store.state.get().conversations[chat.id]).toMatchObject({ unreadCount: 4, lastSeq: 4 });

    // And after a fetch that counted a fifth, that fifth's late frame adds nothing
    const fifth = server.post(chat.id, bob.id, 'five').message;
    await store.loadList();
    expect(store.state.get().conversations[chat.id]).toMatchObject({ unreadCount: 5, lastSeq: 5 });
    store.applyFrame(server.sentFrame(fifth));
    expect(store.state.get().conversations[chat.id]).toMatchObject({ unreadCount: 5, lastSeq: 5 });
  });

  it('reads a message on screen whose preview a fetch brought before its frame came', async () => {
    // Given Ada has her chat with Bob open and read
    const { server, ada, bob, chat } = twoPeople();
    server.post(chat.id, bob.id, 'one');
    const store = storeFor(server, ada.id);
    await store.loadList();
    await store.open(chat.id);
    expect(server.conversations.get(chat.id)?.reads.get(ada.id)).toBe(1);

    // When Bob writes again and a fetch of the conversation (a rename, a member change) answers
    // with the new last message before the message's own frame arrives
    const two = server.post(chat.id, bob.id, 'two').message;
    await store.fetchConversation(chat.id);
    expect(store.state.get().conversations[chat.id]?.lastSeq).toBe(2);
    store.applyFrame(server.sentFrame(two));
    await settle();

    // Then the message on her screen is read all the same
    expect(server.conversations.get(chat.id)?.reads.get(ada.id)).toBe(2);
  });

  it('applies reactions, read receipts and typing from frames; typing fades', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    try {
      // Given Ada's message in an open chat
      const { server, ada, bob, chat } = twoPeople();
      const { message } = server.post(chat.id, ada.id, 'lunch?');
      const store = storeFor(server, ada.id);
      await store.loadList();
      await store.open(chat.id);

      // When Bob types, reads and reacts
      store.applyFrame(typingFrame({ conversationId: chat.id, userId: bob.id }));
      store.applyFrame(
        eventFrame(ConversationRead, {
          conversationId: chat.id,
          userId: bob.id,
          seq: 1,
          readAt: new Date().toISOString(),
        }),
      );
      store.applyFrame(
        eventFrame(ReactionChanged, {
          conversationId: chat.id,
          messageId: message.id,
          seq: 1,
          userId: bob.id,
          emoji: '👍',
          action: 'added',
          count: 1,
          changedAt: new Date().toISOString(),
        }),
      );

      // Then she sees him typing, his read marker, and the reaction (not hers)
      const s = store.state.get();
      expect(Object.keys(s.typing[chat.id] ?? {})).toEqual([bob.id]);
      expect(s.conversations[chat.id]?.readSeqs[bob.id]).toBe(1);
      // (who reacted comes with the frame: the chip lists them)
      expect(s.timelines[chat.id]?.messages[0]?.reactions).toEqual([
        { emoji: '👍', count: 1, mine: false, userIds: [bob.id] },
      ]);

      // And the typing indicator is gone a few seconds later
      await vi.advanceTimersByTimeAsync(7_000);
      expect(store.state.get().typing[chat.id]?.[bob.id]).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it('delivers messages in the order they were written, even when the network is slow', async () => {
    // Given a server whose first POST is slow
    const { server, ada, chat } = twoPeople();
    const direct = server.fetch;
    let posts = 0;
    server.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === 'POST' && String(input).endsWith('/messages') && posts++ === 0) {
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      return direct(input, init);
    }) as typeof fetch;
    const store = storeFor(server, ada.id);
    await store.loadList();
    await store.open(chat.id);

    // When Ada sends three messages without waiting
    await Promise.all(['first', 'second', 'third'].map((text) => store.send(chat.id, { text })));

    // Then the server numbered them in that order, and so does her screen
    expect(server.conversations.get(chat.id)?.messages.map((m) => [m.seq, m.text])).toEqual([
      [1, 'first'],
      [2, 'second'],
      [3, 'third'],
    ]);
    expect(texts(store, chat.id)).toEqual(['first', 'second', 'third']);
  });

  it('edits and deletes my own messages, and follows the others’ edits and deletions', async () => {
    // Given two messages, one of Ada's and one of Bob's
    const { server, ada, bob, chat } = twoPeople();
    const mine = server.post(chat.id, ada.id, 'See you at 9').message;
    const theirs = server.post(chat.id, bob.id, 'Typo hree').message;
    const store = storeFor(server, ada.id);
    await store.loadList();
    await store.open(chat.id);

    // When Ada edits hers, and Bob's edit and then deletion arrive as frames
    await store.edit(chat.id, mine.id, 'See you at 10');
    const about = { conversationId: chat.id, messageId: theirs.id, seq: theirs.seq, senderId: bob.id };
    store.applyFrame(
      eventFrame(
        MessageEdited,
        { ...about, text: 'Typo here', preview: 'Typo here', truncated: false, editedAt: '2026-11-20T09:30:00.000Z' },
        '2026-11-20T09:30:00.000Z',
      ),
    );
    const afterEdit = store.state.get().timelines[chat.id]?.messages.map((m) => [m.text, Boolean(m.editedAt)]);
    store.applyFrame(eventFrame(MessageDeleted, { ...about, deletedAt: '2026-11-20T09:31:00.000Z' }));

    // Then both edits show, marked edited, and Bob's message is now a tombstone at its place
    expect(afterEdit).toEqual([
      ['See you at 10', true],
      ['Typo here', true],
    ]);
    const messages = store.state.get().timelines[chat.id]?.messages ?? [];
    expect(messages.map((m) => [m.seq, m.deleted, m.text])).toEqual([
      [1, false, 'See you at 10'],
      [2, true, ''],
    ]);
    expect(server.conversations.get(chat.id)?.messages[0]?.text).toBe('See you at 10');
  });

  it('sends typing actions at most every few seconds', async () => {
    // Given an open chat
    const { server, ada, chat } = twoPeople();
    const sent: unknown[] = [];
    const store = storeFor(server, ada.id, sent);
    await store.loadList();

    // When Ada types ten characters in a row
    for (let i = 0; i < 10; i += 1) store.notifyTyping(chat.id);

    // Then one typing action went out
    expect(sent).toEqual([{ action: 'typing', conversationId: chat.id }]);
  });
});
