import { describe, expect, it } from 'vitest';
import { FakeServer, storeFor } from '../test/harness.ts';
import { findTarget, loadUntilFound } from './jump-to.ts';

function chatWith(count: number) {
  const server = new FakeServer();
  const ada = server.addUser('Ada Lovelace');
  const bob = server.addUser('Bob Marley');
  const chat = server.addConversation([ada.id, bob.id]);
  for (let i = 1; i <= count; i += 1) server.post(chat.id, bob.id, `message ${i}`);
  return { server, ada, chat };
}

const olderPages = (server: FakeServer) =>
  server.calls.filter((c) => c.path.endsWith('/messages') && c.query.has('beforeSeq')).length;

describe('jumping to a message', () => {
  it('loads older pages by beforeSeq until the message is there', async () => {
    // Given a chat of 130 messages, opened on its newest page (81..130)
    const { server, ada, chat } = chatWith(130);
    const store = storeFor(server, ada.id);
    await store.loadList();
    await store.open(chat.id);
    expect(findTarget(store.state.get().timelines[chat.id], { seq: 7 })).toBeUndefined();
    const before = olderPages(server);

    // When a reply to message 7 is followed
    const found = await loadUntilFound(store, chat.id, { seq: 7 });

    // Then two older pages were read (31..80, 1..30) and message 7 is loaded
    expect(found?.text).toBe('message 7');
    expect(olderPages(server) - before).toBe(2);
    expect(store.state.get().timelines[chat.id]?.oldestSeq).toBe(1);
  });

  it('finds a message by id, and gives up at the beginning when it is not there', async () => {
    const { server, ada, chat } = chatWith(70);
    const store = storeFor(server, ada.id);
    await store.loadList();
    await store.open(chat.id);

    const byId = await loadUntilFound(store, chat.id, { messageId: `m3_${chat.id}` });
    expect(byId?.seq).toBe(3);
    expect(await loadUntilFound(store, chat.id, { messageId: 'gone' })).toBeUndefined();
    expect(store.state.get().timelines[chat.id]?.hasOlder).toBe(false);
  });

  it('stops after maxPages', async () => {
    const { server, ada, chat } = chatWith(200);
    const store = storeFor(server, ada.id);
    await store.loadList();
    await store.open(chat.id);
    expect(await loadUntilFound(store, chat.id, { seq: 1 }, { maxPages: 1 })).toBeUndefined();
    expect(store.state.get().timelines[chat.id]?.oldestSeq).toBe(101);
  });
});
