import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../test/fake-socket.ts';
import { apiFor, FakeServer, QUICK_SENDS, settle } from '../test/harness.ts';
import { ConversationStore } from './conversation-store.ts';
import { messagingApi } from './messaging-api.ts';
import type { SendPolicy } from './outbox.ts';
import { indexedDbOutboxStorage, type OutboxStorage } from './outbox-storage.ts';
import { Parley } from './parley.ts';
import { REFRESH_TOKEN_KEY } from './session-store.ts';

function twoPeople() {
  const server = new FakeServer();
  const ada = server.addUser('Ada Lovelace');
  const bob = server.addUser('Bob Marley');
  const chat = server.addConversation([ada.id, bob.id]);
  return { server, ada, bob, chat };
}

/** A browser tab: a store for `me` whose outbox lives in `storage`; `online()` plays the window's event. */
function tab(server: FakeServer, me: string, storage: OutboxStorage, sendPolicy: SendPolicy = QUICK_SENDS) {
  let wake: () => void = () => undefined;
  const store = new ConversationStore({
    api: messagingApi(apiFor(server, me), me),
    me,
    sendAction: () => true,
    sendPolicy,
    outboxStorage: storage,
    onOnline: (listener) => {
      wake = listener;
      return () => undefined;
    },
  });
  return { store, online: () => wake() };
}

/** Fails every message POST at the network level while `down`. */
function flakyNetwork(server: FakeServer) {
  const network = { down: true, posts: [] as { clientMessageId: string; text: string }[] };
  const direct = server.fetch;
  server.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (init?.method === 'POST' && String(input).endsWith('/messages')) {
      network.posts.push(JSON.parse(String(init.body)));
      if (network.down) throw new TypeError('Failed to fetch');
    }
    return direct(input, init);
  }) as typeof fetch;
  return network;
}

const shown = (store: ConversationStore, id: string) =>
  store.state.get().timelines[id]?.messages.map((m) => [m.text, m.state]);
const stored = (server: FakeServer, id: string) => server.conversations.get(id)?.messages.map((m) => m.text);

describe('outbox', () => {
  it('keeps messages written offline as sending, and delivers all of them in the order typed once online', async () => {
    // Given Ada's chat is open and the network is down
    const { server, ada, chat } = twoPeople();
    const network = flakyNetwork(server);
    const { store } = tab(server, ada.id, indexedDbOutboxStorage(new IDBFactory()));
    await store.loadList();
    await store.open(chat.id);

    // When she sends three messages and waits through several failed attempts
    const sends = ['one', 'two', 'three'].map((text) => store.send(chat.id, { text }));
    await new Promise((r) => setTimeout(r, 60));

    // Then none is "Not sent": all three wait, in order, and only the first was tried
    expect(shown(store, chat.id)).toEqual([
      ['one', 'pending'],
      ['two', 'pending'],
      ['three', 'pending'],
    ]);
    expect(new Set(network.posts.map((p) => p.text))).toEqual(new Set(['one']));

    // When the network comes back
    network.down = false;
    await Promise.all(sends);

    // Then the server holds all three once, numbered in the order typed, and so does her screen
    expect(server.conversations.get(chat.id)?.messages.map((m) => [m.seq, m.text])).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, 'three'],
    ]);
    expect(shown(store, chat.id)).toEqual([
      ['one', 'sent'],
      ['two', 'sent'],
      ['three', 'sent'],
    ]);
  });

  it('tries again at once when the browser is back online instead of waiting out the backoff', async () => {
    // Given a send that failed on the way and now waits a long backoff
    const { server, ada, chat } = twoPeople();
    const network = flakyNetwork(server);
    const { store, online } = tab(server, ada.id, indexedDbOutboxStorage(new IDBFactory()), {
      timeoutMs: 1_000,
      retryDelaysMs: [60_000],
    });
    await store.loadList();
    await store.open(chat.id);
    const sending = store.send(chat.id, { text: 'back in a tunnel' });
    await settle();
    expect(network.posts).toHaveLength(1);

    // When the network returns and the window says it is online
    network.down = false;
    online();
    await sending;

    // Then it went out with the same clientMessageId, once on the server
    expect(network.posts).toHaveLength(2);
    expect(network.posts[1]?.clientMessageId).toBe(network.posts[0]?.clientMessageId);
    expect(stored(server, chat.id)).toEqual(['back in a tunnel']);
  });

  it('sends what waited while the server was unreachable by itself when the socket reconnects, with no online event', async () => {
    // Given Ada signed in (the whole workspace, its socket open) with her chat open, and the network failing every send
    const { server, ada, chat } = twoPeople();
    const network = flakyNetwork(server);
    localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(ada.id));
    FakeSocket.all = [];
    const parley = new Parley({
      fetch: (input, init) => server.fetch(input, init),
      wsBase: 'ws://parley.test/ws',
      createSocket: (url) => new FakeSocket(url),
    });
    const stop = parley.start();
    const onlineEvents: Event[] = [];
    const countOnline = (event: Event) => onlineEvents.push(event);
    window.addEventListener('online', countOnline);
    try {
      await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1));
      FakeSocket.latest().open();
      const workspace = parley.workspace.get();
      if (!workspace) throw new Error('no workspace');
      const store = workspace.conversations;
      await store.open(chat.id);

      // (from here the clock is the test's: the outbox's backoff waits only as long as the test lets it)
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });

      // When the socket drops and she writes two messages, and the first fails three times (now waiting 5 s)
      FakeSocket.latest().drop();
      const sends = ['one', 'two'].map((text) => store.send(chat.id, { text }));
      await vi.advanceTimersByTimeAsync(0);
      await vi.advanceTimersByTimeAsync(1_000); // the second attempt, and the socket's next try (still connecting)
      await vi.advanceTimersByTimeAsync(2_000); // the third attempt
      expect(network.posts.map((p) => p.text)).toEqual(['one', 'one', 'one']);
      expect(shown(store, chat.id)).toEqual([
        ['one', 'pending'],
        ['two', 'pending'],
      ]);
      expect(FakeSocket.all).toHaveLength(2);

      // When the server is reachable again and the socket reconnects (and the window never says "online")
      network.down = false;
      FakeSocket.latest().open();
      for (let i = 0; i < 20 && stored(server, chat.id)?.length !== 2; i += 1) await vi.advanceTimersByTimeAsync(10);

      // Then both went out well within the backoff, once each, in the order typed, the first under its first clientMessageId
      expect(onlineEvents).toEqual([]);
      expect(network.posts.map((p) => p.text)).toEqual(['one', 'one', 'one', 'one', 'two']);
      expect(new Set(network.posts.slice(0, 4).map((p) => p.clientMessageId)).size).toBe(1);
      expect(server.conversations.get(chat.id)?.messages.map((m) => [m.seq, m.text, m.clientMessageId])).toEqual([
        [1, 'one', network.posts[0]?.clientMessageId],
        [2, 'two', network.posts[4]?.clientMessageId],
      ]);
      expect(shown(store, chat.id)).toEqual([
        ['one', 'sent'],
        ['two', 'sent'],
      ]);
      await Promise.all(sends);
    } finally {
      vi.useRealTimers();
      window.removeEventListener('online', countOnline);
      stop();
      FakeSocket.all = [];
    }
  });

  it('survives a reload: unsent messages show in their conversation and go out in order with their clientMessageIds', async () => {
    // Given Ada wrote two messages while offline, and the tab is closed before they went out
    const { server, ada, bob, chat } = twoPeople();
    const network = flakyNetwork(server);
    const browser = new IDBFactory();
    const first = tab(server, ada.id, indexedDbOutboxStorage(browser));
    await first.store.loadList();
    await first.store.open(chat.id);
    void first.store.send(chat.id, { text: 'written in the plane' }).catch(() => undefined);
    void first.store.send(chat.id, { text: 'and this one too' }).catch(() => undefined);
    await first.store.outboxFlushed();
    first.store.dispose();
    const idsBefore = first.store.state.get().timelines[chat.id]?.messages.map((m) => m.clientMessageId);

    // (another account signed in on the same browser neither sees nor sends them)
    const bobTab = tab(server, bob.id, indexedDbOutboxStorage(browser));
    await bobTab.store.outboxFlushed();
    expect(bobTab.store.state.get().timelines).toEqual({});
    bobTab.store.dispose();

    // When the page loads again (still offline) and lists the chats without opening this one
    const second = tab(server, ada.id, indexedDbOutboxStorage(browser));
    await second.store.outboxFlushed();
    await second.store.loadList();

    // Then both show in the conversation as sending
    expect(shown(second.store, chat.id)).toEqual([
      ['written in the plane', 'pending'],
      ['and this one too', 'pending'],
    ]);

    // When the network comes back
    network.down = false;
    second.online();
    await new Promise((r) => setTimeout(r, 50));
    await second.store.open(chat.id);

    // Then the server holds both once, in order, under the ids written before the reload, and nothing is left
    expect(stored(server, chat.id)).toEqual(['written in the plane', 'and this one too']);
    expect(server.conversations.get(chat.id)?.messages.map((m) => m.clientMessageId)).toEqual(idsBefore);
    expect(shown(second.store, chat.id)).toEqual([
      ['written in the plane', 'sent'],
      ['and this one too', 'sent'],
    ]);
    expect(await indexedDbOutboxStorage(browser).load(ada.id)).toEqual([]);
  });

  it('shows "Not sent" only when the server refused a message, sends the next, and Retry or Delete it', async () => {
    // Given a server that refuses messages containing "forbidden" with a 400, once
    const { server, ada, chat } = twoPeople();
    const direct = server.fetch;
    let refuse = true;
    const posted: string[] = [];
    server.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === 'POST' && String(input).endsWith('/messages')) {
        const body = JSON.parse(String(init.body));
        posted.push(body.clientMessageId);
        if (refuse && String(body.text).includes('forbidden'))
          return new Response(JSON.stringify({ error: { code: 'validation_failed', message: 'Invalid request' } }), {
            status: 400,
            headers: { 'content-type': 'application/json' },
          });
      }
      return direct(input, init);
    }) as typeof fetch;
    const storage = indexedDbOutboxStorage(new IDBFactory());
    const { store } = tab(server, ada.id, storage);
    await store.loadList();
    await store.open(chat.id);

    // When Ada sends a refused message and then a good one
    const refused = store.send(chat.id, { text: 'forbidden words' });
    await expect(refused).rejects.toMatchObject({ status: 400 });
    await store.send(chat.id, { text: 'fine words' });

    // Then the first is "Not sent" (kept across a reload), the second went out
    expect(shown(store, chat.id)).toEqual([
      ['fine words', 'sent'],
      ['forbidden words', 'failed'],
    ]);
    await store.outboxFlushed();
    expect((await storage.load(ada.id)).map((r) => [r.message.text, r.message.state])).toEqual([
      ['forbidden words', 'failed'],
    ]);
    // with the server's reason, to show beside "Not sent"
    expect(store.state.get().timelines[chat.id]?.messages.find((m) => m.state === 'failed')?.failure).toEqual({
      code: 'validation_failed',
      message: 'Invalid request',
    });

    // When she retries it and the server accepts it now
    refuse = false;
    const failed = store.state.get().timelines[chat.id]?.messages.find((m) => m.state === 'failed');
    await store.retry(chat.id, failed?.clientMessageId ?? '');

    // Then it went out under its first clientMessageId
    expect(posted[posted.length - 1]).toBe(failed?.clientMessageId);
    expect(stored(server, chat.id)).toEqual(['fine words', 'forbidden words']);

    // And a refused message she deletes is gone from the screen and from storage
    refuse = true;
    await store.send(chat.id, { text: 'forbidden again' }).catch(() => undefined);
    const again = store.state.get().timelines[chat.id]?.messages.find((m) => m.state === 'failed');
    store.discard(chat.id, again?.clientMessageId ?? '');
    await store.outboxFlushed();
    expect(shown(store, chat.id)).toEqual([
      ['fine words', 'sent'],
      ['forbidden words', 'sent'],
    ]);
    expect(await storage.load(ada.id)).toEqual([]);
  });
});
