import { beforeEach, describe, expect, it } from 'vitest';
import { fakeMediaFactory } from '../test/fake-media.ts';
import { apiFor, FakeServer, settle } from '../test/harness.ts';
import { endedText } from './call-format.ts';
import { CallStore } from './call-store.ts';
import { callingApi } from './calling-api.ts';
import { translator } from './i18n.ts';

const t = translator('en');

function setup() {
  const server = new FakeServer();
  const ada = server.addUser('Ada Lovelace');
  const bob = server.addUser('Bob Marley');
  const media = fakeMediaFactory();
  const storeOf = (me: string) =>
    new CallStore({ api: callingApi(apiFor(server, me)), me, createMedia: media.createMedia, endedLingerMs: 60_000 });
  return { server, ada, bob, media, storeOf };
}

describe('the call store', () => {
  let world: ReturnType<typeof setup>;
  beforeEach(() => {
    world = setup();
  });

  it('rings on a CallRinging frame and stops when another device answers', () => {
    // Given Bob's store, and Ada calling him
    const { server, ada, bob, storeOf } = world;
    const store = storeOf(bob.id);
    const call = server.calling.place(ada.id, bob.id, 'video');

    // When the ringing frame arrives
    store.applyFrame(server.calling.ringingFrame(call));

    // Then it rings, with who is calling
    expect(store.state.get().rings).toMatchObject([
      { callId: call.id, callerId: ada.id, callerName: 'Ada Lovelace', media: 'video' },
    ]);

    // When Bob answers on his phone (this device only sees the frame)
    call.answeredAt = '2026-11-20T09:00:05.000Z';
    store.applyFrame(server.calling.answeredFrame(call));

    // Then it stops ringing here, and this device is in no call
    expect(store.state.get().rings).toEqual([]);
    expect(store.state.get().current).toBeUndefined();
  });

  it('ignores a ring for someone else and a late ring for a call already over', () => {
    // Given Bob's store
    const { server, ada, bob, storeOf } = world;
    const store = storeOf(bob.id);
    const forAda = server.calling.place(bob.id, ada.id);
    const over = server.calling.place(ada.id, bob.id);
    server.calling.end(over, 'cancelled');

    // When a ring addressed to Ada arrives, and a call's CallEnded comes before its (late) ring
    store.applyFrame(server.calling.ringingFrame(forAda));
    store.applyFrame(server.calling.endedFrame(over));
    store.applyFrame(server.calling.ringingFrame(over));

    // Then nothing rings
    expect(store.state.get().rings).toEqual([]);
  });

  it('answers with video, joins the media, and ends with the duration when the other side hangs up', async () => {
    // Given a ring on Bob's device
    const { server, ada, bob, media, storeOf } = world;
    const store = storeOf(bob.id);
    const call = server.calling.place(ada.id, bob.id);
    store.applyFrame(server.calling.ringingFrame(call));

    // When he answers with video
    await store.answer(call.id, 'video');

    // Then the call is active on the server and here, and the media joined with the camera
    expect(server.calling.calls.get(call.id)?.state).toBe('active');
    expect(store.state.get().current).toMatchObject({ callId: call.id, phase: 'active', peerId: ada.id });
    expect(media.built[0]?.joined).toEqual({ audio: true, video: true });
    expect(media.built[0]?.join_.meeting.MediaPlacement.SignalingUrl).toContain('/_dev/chime/meetings/');

    // When Ada hangs up after 3:12
    server.calling.end(call, 'completed', 192);
    store.applyFrame(server.calling.endedFrame(call));

    // Then the call shows how it ended, and the media was left
    const current = store.state.get().current;
    expect(current?.phase).toBe('ended');
    expect(endedText(current ?? { endReason: undefined }, t)).toBe('Call ended · 3:12');
    expect(media.built[0]?.left).toBe(true);
  });

  it('loses an answer race cleanly: another device answered first', async () => {
    // Given a ring that Bob's other device already answered (the frame is still on its way)
    const { server, ada, bob, media, storeOf } = world;
    const store = storeOf(bob.id);
    const call = server.calling.place(ada.id, bob.id);
    store.applyFrame(server.calling.ringingFrame(call));
    await callingApi(apiFor(server, bob.id)).answer(call.id);

    // When this device answers too
    await store.answer(call.id, 'audio');

    // Then it says so, joins nothing and rings no more
    expect(store.state.get()).toMatchObject({ rings: [], current: undefined, notice: 'answered-elsewhere' });
    expect(media.built).toEqual([]);
  });

  it('places a call with ringback, becomes active on CallAnswered, and hangs up as completed', async () => {
    // Given Ada's store
    const { server, ada, bob, media, storeOf } = world;
    const store = storeOf(ada.id);

    // When she calls Bob
    await store.startCall(bob.id, 'audio', 'Bob Marley');

    // Then it is outgoing (ringback) and her media is already joining, without the camera
    const placed = store.state.get().current;
    expect(placed).toMatchObject({ phase: 'outgoing', peerId: bob.id, direction: 'outgoing' });
    expect(media.built[0]?.joined).toEqual({ audio: true, video: false });

    // When Bob answers
    const call = server.calling.calls.get(placed?.callId ?? '');
    if (!call) throw new Error('no call on the server');
    await callingApi(apiFor(server, bob.id)).answer(call.id);
    store.applyFrame(server.calling.answeredFrame(call));
    expect(store.state.get().current?.phase).toBe('active');

    // And she hangs up
    await store.hangup();

    // Then the server ended it as completed and so does the screen
    expect(server.calling.calls.get(call.id)).toMatchObject({ state: 'ended', endReason: 'completed' });
    expect(store.state.get().current).toMatchObject({ phase: 'ended', endReason: 'completed' });
    expect(media.built[0]?.left).toBe(true);
  });

  it('cancels an outgoing call still ringing', async () => {
    // Given Ada calling Bob
    const { server, ada, bob, storeOf } = world;
    const store = storeOf(ada.id);
    await store.startCall(bob.id, 'video');
    const callId = store.state.get().current?.callId ?? '';

    // When she presses Cancel before he answers
    await store.hangup();

    // Then the call is cancelled on the server and here
    expect(server.calling.calls.get(callId)).toMatchObject({ state: 'ended', endReason: 'cancelled' });
    expect(endedText(store.state.get().current ?? {}, t)).toBe('Call cancelled');
  });

  it.each([
    ['declined', 'Declined'],
    ['missed', 'No answer'],
    ['busy', 'Busy'],
  ] as const)('says why an outgoing call ended: %s', async (reason, text) => {
    // Given Ada calling Bob
    const { server, ada, bob, storeOf } = world;
    const store = storeOf(ada.id);
    await store.startCall(bob.id, 'audio');
    const call = server.calling.calls.get(store.state.get().current?.callId ?? '');
    if (!call) throw new Error('no call on the server');

    // When the call ends that way
    server.calling.end(call, reason);
    store.applyFrame(server.calling.endedFrame(call));

    // Then the screen says so
    expect(endedText(store.state.get().current ?? {}, t)).toBe(text);
  });

  it('refuses to call yourself with the API’s reason', async () => {
    // Given Ada's store
    const { ada, media, storeOf } = world;
    const store = storeOf(ada.id);

    // When she calls herself
    await store.startCall(ada.id, 'audio');

    // Then the call ends at once, saying why, and no media was built
    expect(store.state.get().current).toMatchObject({ phase: 'ended', error: 'cannot_call_yourself' });
    expect(endedText(store.state.get().current ?? {}, t)).toBe('You cannot call yourself.');
    expect(media.built).toEqual([]);
  });

  it('answers the other call when both call each other at once (glare)', async () => {
    // Given Bob already ringing Ada
    const { server, ada, bob, storeOf } = world;
    const ringing = server.calling.place(bob.id, ada.id);
    const store = storeOf(ada.id);

    // When Ada calls Bob
    await store.startCall(bob.id, 'audio');

    // Then she is in Bob's call, active
    expect(store.state.get().current).toMatchObject({ callId: ringing.id, phase: 'active' });
  });

  it('lets a second call wait while in one, and answering it ends the first', async () => {
    // Given Bob in a call with Ada
    const { server, ada, bob, media, storeOf } = world;
    const carol = server.addUser('Carol King');
    const store = storeOf(bob.id);
    const first = server.calling.place(ada.id, bob.id);
    store.applyFrame(server.calling.ringingFrame(first));
    await store.answer(first.id, 'audio');

    // When Carol calls him
    const second = server.calling.place(carol.id, bob.id);
    store.applyFrame(server.calling.ringingFrame(second));

    // Then her call waits beside the active one
    expect(store.state.get().current?.callId).toBe(first.id);
    expect(store.state.get().rings.map((r) => r.callId)).toEqual([second.id]);

    // When he answers Carol
    await store.answer(second.id, 'audio');

    // Then Ada's call was hung up and Carol's is the one in progress
    expect(server.calling.calls.get(first.id)).toMatchObject({ state: 'ended', endReason: 'completed' });
    expect(store.state.get().current).toMatchObject({ callId: second.id, phase: 'active', peerId: carol.id });
    expect(media.built.map((m) => m.left)).toEqual([true, false]);
  });

  it('after a reconnect, rings for a call whose frame was lost and drops one that ended meanwhile', async () => {
    // Given Bob's store, ringing for one call, while his socket was down for another
    const { server, ada, bob, storeOf } = world;
    const carol = server.addUser('Carol King');
    const store = storeOf(bob.id);
    const stale = server.calling.place(carol.id, bob.id);
    store.applyFrame(server.calling.ringingFrame(stale));
    server.calling.end(stale, 'missed');
    const lost = server.calling.place(ada.id, bob.id, 'video');

    // When the socket comes back
    await store.resync();

    // Then the lost ring rings, the ended one does not, and the missed count is known
    expect(store.state.get().rings.map((r) => r.callId)).toEqual([lost.id]);
    expect(store.state.get().log.unseenMissedCount).toBe(1);
  });
});

describe('the call log', () => {
  it('loads newest first, pages back, and marks missed calls seen', async () => {
    // Given three calls for Bob, one of them missed
    const { server, ada, bob, storeOf } = setup();
    const one = server.calling.place(ada.id, bob.id);
    server.calling.end(one, 'missed');
    const two = server.calling.place(bob.id, ada.id);
    server.calling.end(two, 'completed', 65);
    const three = server.calling.place(ada.id, bob.id);
    server.calling.end(three, 'declined');
    const store = storeOf(bob.id);

    // When the log loads
    const loading = store.loadLog();
    expect(store.state.get().log.status).toBe('loading');
    await loading;

    // Then it is ready, newest first, with one unseen missed call
    expect(store.state.get().log).toMatchObject({ status: 'ready', unseenMissedCount: 1 });
    expect(store.state.get().log.items.map((c) => c.id)).toEqual([three.id, two.id, one.id]);
    expect(store.state.get().log.items[2]).toMatchObject({ direction: 'incoming', endReason: 'missed', seen: false });

    // When Bob looks at them
    await store.markSeen();

    // Then the server and the badge agree nothing is unseen
    expect(server.calling.calls.get(one.id)?.seen).toBe(true);
    await store.loadLog();
    expect(store.state.get().log.unseenMissedCount).toBe(0);
  });

  it('is empty, or says it could not load', async () => {
    // Given Bob with no calls, and then a failing server
    const { server, bob, storeOf } = setup();
    const store = storeOf(bob.id);

    // When the log loads
    await store.loadLog();

    // Then it is empty and ready
    expect(store.state.get().log).toMatchObject({ status: 'ready', items: [] });

    // When a fresh device's load fails
    server.calling.failList = true;
    const other = storeOf(bob.id);
    await other.loadLog();
    await settle();

    // Then it is in error
    expect(other.state.get().log.status).toBe('error');
  });
});
