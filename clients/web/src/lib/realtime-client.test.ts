import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../test/fake-socket.ts';
import { FakeServer, settle, storeFor, texts } from '../test/harness.ts';
import { HEARTBEAT_MS, RealtimeClient } from './realtime-client.ts';

function client(token: () => Promise<string | undefined> = async () => 'tok') {
  return new RealtimeClient({
    url: (t) => `ws://parley.test/ws?token=${t}`,
    token,
    createSocket: (url) => new FakeSocket(url),
    random: () => 0.5,
  });
}

const frame = (id: string, type = 'messaging.Anything', data: Record<string, unknown> = {}) => ({
  id,
  type,
  v: 1,
  at: '2026-11-20T09:00:00.000Z',
  data,
});

describe('realtime client', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'Date'] });
  });
  afterEach(() => vi.useRealTimers());

  it('connects with the access token and pings every eight minutes, under the 10-minute idle limit', async () => {
    // Given a started client whose socket opened
    const realtime = client();
    realtime.start();
    await vi.advanceTimersByTimeAsync(0);
    const socket = FakeSocket.latest();
    socket.open();

    // When seventeen minutes pass with pongs answered
    for (let minute = 0; minute < 17; minute += 1) {
      await vi.advanceTimersByTimeAsync(60_000);
      if (socket.sent.length)
        socket.push({ id: `p${minute}`, type: 'pong', v: 1, at: new Date().toISOString(), data: {} });
    }

    // Then it used the token, sent two pings and is still on the same, open socket
    expect(socket.url).toBe('ws://parley.test/ws?token=tok');
    expect(socket.sent).toEqual([{ action: 'ping' }, { action: 'ping' }]);
    // a ping at least every 8 minutes: a hidden tab's timer a minute late still beats the idle limit
    expect(HEARTBEAT_MS).toBeLessThanOrEqual(10 * 60_000 - 2 * 60_000);
    expect(realtime.state.get().status).toBe('open');
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('reconnects with growing backoff, says so, and announces the reconnection', async () => {
    // Given an open connection
    const realtime = client();
    const reconnected = vi.fn();
    realtime.onReconnect(reconnected);
    realtime.start();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.latest().open();

    // When it drops, and the first new attempt fails too
    FakeSocket.latest().drop();
    expect(realtime.state.get()).toEqual({ status: 'reconnecting', attempt: 1 });
    await vi.advanceTimersByTimeAsync(750); // attempt 1: between 0.5 and 1 s
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.latest().drop();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(FakeSocket.all).toHaveLength(2); // attempt 2 waits longer: 1–2 s
    await vi.advanceTimersByTimeAsync(500);
    expect(FakeSocket.all).toHaveLength(3);
    FakeSocket.latest().open();

    // Then it is open again and told its listeners once
    expect(realtime.state.get()).toEqual({ status: 'open', attempt: 0 });
    expect(reconnected).toHaveBeenCalledTimes(1);
  });

  it('asks for a session check when sockets keep closing before they open (a refused handshake), not when they open', async () => {
    // Given a client whose owner checks the session on refusals
    const refused = vi.fn();
    const realtime = new RealtimeClient({
      url: (t) => `ws://parley.test/ws?token=${t}`,
      token: async () => 'tok',
      createSocket: (url) => new FakeSocket(url),
      random: () => 0.5,
      onRefused: refused,
    });
    realtime.start();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.latest().open();

    // When the server closes the open socket (a revoked session), nothing is asked yet
    FakeSocket.latest().drop();
    expect(refused).not.toHaveBeenCalled();
    // and when the next handshake fails before opening, the session is checked
    await vi.advanceTimersByTimeAsync(1_000);
    FakeSocket.latest().drop();
    expect(refused).toHaveBeenCalledTimes(1);
    realtime.stop();
  });

  it('treats a missing pong as a dead socket', async () => {
    // Given an open connection whose server went silent
    const realtime = client();
    realtime.start();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.latest().open();

    // When a ping gets no pong within 20 s
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS + 20_000);

    // Then the client is connecting anew
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.all.length).toBeGreaterThan(1);
  });

  it('drops frames it has already seen, by id', async () => {
    // Given an open connection
    const realtime = client();
    const frames: string[] = [];
    realtime.onFrame((f) => frames.push(f.id));
    realtime.start();
    await vi.advanceTimersByTimeAsync(0);
    const socket = FakeSocket.latest();
    socket.open();

    // When the same frame arrives twice among others, plus junk
    socket.push(frame('a'));
    socket.push(frame('b'));
    socket.push(frame('a'));
    socket.onmessage?.(new MessageEvent('message', { data: 'not json' }));

    // Then each frame was handled once
    expect(frames).toEqual(['a', 'b']);
  });

  it('closes at once when the browser goes offline and connects when it is back', async () => {
    // Given an open connection
    const realtime = client();
    realtime.start();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.latest().open();

    // When the network goes away and comes back
    realtime.wentOffline();
    expect(realtime.state.get().status).toBe('offline');
    realtime.reconnectNow();
    await vi.advanceTimersByTimeAsync(0);

    // Then a new socket is being opened without waiting for a backoff
    expect(FakeSocket.all).toHaveLength(2);
    expect(realtime.state.get().status).toBe('reconnecting');
  });
});

describe('realtime client with the conversation store', () => {
  beforeEach(() => {
    FakeSocket.all = [];
  });

  it('recovers every message missed while disconnected, once and in order', async () => {
    // Given Ada's open chat, live over the socket, holding messages 1–2
    const server = new FakeServer();
    const ada = server.addUser('Ada');
    const bob = server.addUser('Bob');
    const chat = server.addConversation([ada.id, bob.id]);
    server.post(chat.id, bob.id, 'one');
    server.post(chat.id, bob.id, 'two');
    const store = storeFor(server, ada.id);
    const realtime = new RealtimeClient({
      url: () => 'ws://parley.test/ws',
      token: async () => 'tok',
      createSocket: (url) => new FakeSocket(url),
      backoffBaseMs: 1,
      backoffMaxMs: 1,
    });
    realtime.onFrame((f) => store.applyFrame(f));
    realtime.onReconnect(() => void store.resync());
    await store.loadList();
    await store.open(chat.id);
    realtime.start();
    await settle();
    FakeSocket.latest().open();

    // When message 3 arrives live, the socket drops, Bob sends 4–8, and one late frame (8) slips in after reconnect
    FakeSocket.latest().push(server.sentFrame(server.post(chat.id, bob.id, 'three').message));
    FakeSocket.latest().drop();
    const missed = ['four', 'five', 'six', 'seven', 'eight'].map((text) => server.post(chat.id, bob.id, text).message);
    await settle();
    FakeSocket.latest().open();
    const last = missed[missed.length - 1];
    if (last) FakeSocket.latest().push(server.sentFrame(last));
    await settle(20);

    // Then Ada shows all eight once, in seq order, and nothing is unread
    expect(texts(store, chat.id)).toEqual(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight']);
    expect(store.state.get().timelines[chat.id]?.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(store.state.get().conversations[chat.id]?.unreadCount).toBe(0);
    realtime.stop();
  });
});
