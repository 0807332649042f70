/**
 * The virtual phone page's Talk signaling, run in a sandbox with fake WebSocket and
 * RTCPeerConnection: it must speak the web client's relay protocol (webrtc-relay.ts), where every
 * offer names a session that its answer and candidates repeat, or the web client drops them.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { phonePage } from './phone.ts';

type Frame = { type: string; to: string; data: Record<string, unknown> };

class FakePeer {
  closed = false;
  remote: unknown[] = [];
  candidates: unknown[] = [];
  localDescription?: { type: string; sdp: string; toJSON: () => unknown };
  onicecandidate?: (e: unknown) => void;
  ontrack?: (e: unknown) => void;
  addTrack(): void {}
  async createOffer() {
    return { type: 'offer', sdp: 'o' };
  }
  async createAnswer() {
    return { type: 'answer', sdp: 'a' };
  }
  async setLocalDescription(d: { type: string; sdp: string }) {
    this.localDescription = { ...d, toJSON: () => ({ type: d.type, sdp: d.sdp }) };
  }
  async setRemoteDescription(d: unknown) {
    this.remote.push(d);
  }
  async addIceCandidate(c: unknown) {
    this.candidates.push(c);
  }
  close(): void {
    this.closed = true;
  }
}

function element(): Record<string, unknown> {
  return {
    textContent: '',
    value: '',
    dataset: {},
    style: {},
    childElementCount: 0,
    append() {},
    replaceChildren() {},
    addEventListener() {},
    setAttribute() {},
  };
}

/** The page's script in a sandbox; returns its globals, the socket's sent frames and the peers made. */
function boot() {
  const script = phonePage().split('<script>')[1]?.split('</script>')[0] ?? '';
  const sent: Frame[] = [];
  const peers: FakePeer[] = [];
  const sockets: { onmessage?: (m: { data: string }) => Promise<void> }[] = [];
  const sandbox: Record<string, unknown> = {
    document: { getElementById: () => element(), createElement: () => element() },
    fetch: async () => ({ status: 200, ok: true, json: async () => ({ items: [] }) }),
    EventSource: class {},
    setInterval: () => 0,
    navigator: { mediaDevices: { getUserMedia: async () => ({ getTracks: () => [{ stop() {} }] }) } },
    WebSocket: class {
      readyState = 1;
      onmessage?: (m: { data: string }) => Promise<void>;
      constructor() {
        sockets.push(this);
      }
      send(text: string) {
        sent.push(JSON.parse(text));
      }
      close() {}
    },
    RTCPeerConnection: class extends FakePeer {
      constructor() {
        super();
        peers.push(this);
      }
    },
    MediaStream: class {},
    Audio: class {
      play = async () => undefined;
    },
  };
  runInNewContext(script, sandbox);
  const talk = async () => {
    await (sandbox.startTalk as (c: unknown) => Promise<void>)({
      id: 'call-1',
      meeting: { signalingUrl: 'ws://devstack/_dev/chime/meetings/m/signal', joinToken: 't' },
    });
    const socket = sockets.at(-1);
    return (frame: unknown) => socket?.onmessage?.({ data: JSON.stringify(frame) });
  };
  return { sent, peers, talk };
}

const loopback = { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0' };

describe('the virtual phone’s Talk signaling', () => {
  it('offers to those present with a session, and sends its candidates with it', async () => {
    // Given the phone presses Talk and the web client's attendee is present
    const { sent, peers, talk } = boot();
    const receive = await talk();
    await receive({ type: 'joined', attendees: [{ attendeeId: 'web', externalUserId: 'user-1' }] });

    // Then it offers, naming a session
    const offer = sent.find((f) => f.to === 'web');
    expect(offer?.data.description).toEqual({ type: 'offer', sdp: 'o' });
    const session = offer?.data.session;
    expect(session).toEqual(expect.any(String));

    // And its loopback candidates carry the same session
    peers[0]?.onicecandidate?.({ candidate: { candidate: loopback.candidate, toJSON: () => loopback } });
    expect(sent.at(-1)).toEqual({ type: 'signal', to: 'web', data: { candidate: loopback, session } });

    // When an answer and a candidate of another session arrive, they are ignored; those of its own are used
    await receive({ type: 'signal', from: 'web', data: { description: { type: 'answer', sdp: 'x' }, session: 'old' } });
    await receive({ type: 'signal', from: 'web', data: { candidate: loopback, session: 'old' } });
    expect(peers[0]?.remote).toEqual([]);
    expect(peers[0]?.candidates).toEqual([]);
    await receive({ type: 'signal', from: 'web', data: { description: { type: 'answer', sdp: 'a1' }, session } });
    await receive({ type: 'signal', from: 'web', data: { candidate: loopback, session } });
    expect(peers[0]?.remote).toEqual([{ type: 'answer', sdp: 'a1' }]);
    expect(peers[0]?.candidates).toEqual([loopback]);
  });

  it('answers an offer with the offer’s session, and a new session replaces the old connection', async () => {
    // Given the phone is talking and the web client joins after it, offering
    const { sent, peers, talk } = boot();
    const receive = await talk();
    await receive({ type: 'joined', attendees: [] });
    await receive({ type: 'signal', from: 'web', data: { description: { type: 'offer', sdp: 'w' }, session: 's1' } });

    // Then the answer names the web client's session
    expect(sent.at(-1)).toEqual({
      type: 'signal',
      to: 'web',
      data: { description: { type: 'answer', sdp: 'a' }, session: 's1' },
    });

    // When the web client re-joins with a new session, the old connection is closed and a new one answers
    await receive({ type: 'signal', from: 'web', data: { description: { type: 'offer', sdp: 'w2' }, session: 's2' } });
    expect(peers).toHaveLength(2);
    expect(peers[0]?.closed).toBe(true);
    expect(peers[1]?.remote).toEqual([{ type: 'offer', sdp: 'w2' }]);
    expect(sent.at(-1)?.data.session).toBe('s2');
  });
});
