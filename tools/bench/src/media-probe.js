/**
 * Installed by `bench:calling --media` in every benchmark page before the page's own scripts
 * (Playwright's addInitScript): the same measuring code in the web client's pages and in the
 * floor's page. Plain browser JavaScript (the root tsconfig has no DOM library).
 *
 * - keeps every RTCPeerConnection the page creates (the app has no test hook);
 * - notes when the last click happened (capture phase, before the app's handler runs);
 * - `inboundAudioAt(pcs?)` polls getStats() every 10 ms and resolves to the Date.now() at which
 *   inbound audio packets > 0 on the given connections (default: this page's open ones since `reset()`);
 * - `floor()` connects two peer connections in this page directly, shaped like the web client's
 *   (audio track + video transceiver + data channel, no ICE servers, loopback candidates only).
 */
(() => {
  const Native = window.RTCPeerConnection;
  let peers = [];
  window.RTCPeerConnection = class extends Native {
    constructor(config) {
      super(config);
      peers.push(this);
    }
  };
  let lastClickAt = 0;
  window.addEventListener(
    'click',
    () => {
      lastClickAt = Date.now();
    },
    true,
  );

  const POLL_MS = 10;
  const inboundAudio = async (pc) => {
    if (pc.connectionState === 'closed') return 0;
    let packets = 0;
    (await pc.getStats()).forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') packets += s.packetsReceived ?? 0;
    });
    return packets;
  };

  /** Resolves to Date.now() once `pcs()` (re-read on every poll) together received an audio packet. */
  const inboundAudioAt = (pcs, timeoutMs) =>
    new Promise((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const tick = async () => {
        let packets = 0;
        for (const pc of pcs()) packets += await inboundAudio(pc);
        if (packets > 0) return resolve(Date.now());
        if (Date.now() > deadline) return reject(new Error(`no inbound audio within ${timeoutMs} ms`));
        setTimeout(tick, POLL_MS);
      };
      void tick();
    });

  const loopback = (candidate) => {
    const address = candidate?.candidate?.split(' ')[4];
    return address === '127.0.0.1' || address === '::1';
  };

  const side = async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    const pc = new RTCPeerConnection({ iceServers: [] });
    return { stream, pc };
  };

  window.__bench = {
    lastClickAt: () => lastClickAt,
    /** Forgets the connections made so far: only later ones count. */
    reset: () => {
      peers = [];
    },
    inboundAudioAt: (timeoutMs) =>
      inboundAudioAt(() => peers.filter((pc) => pc.connectionState !== 'closed'), timeoutMs),
    /** One floor sample: {startedAt, mediaAt} (both sides have inbound audio at mediaAt). */
    floor: async (timeoutMs) => {
      const startedAt = Date.now();
      const [a, b] = await Promise.all([side(), side()]);
      a.pc.addTransceiver(a.stream.getAudioTracks()[0], { direction: 'sendrecv', streams: [a.stream] });
      a.pc.addTransceiver('video', { direction: 'sendrecv', streams: [a.stream] });
      a.pc.createDataChannel('parley');
      // candidates wait for the remote description, as the web client's do
      const pending = new Map([
        [a, []],
        [b, []],
      ]);
      const flush = async (s) => {
        for (const c of pending.get(s).splice(0)) await s.pc.addIceCandidate(c).catch(() => undefined);
      };
      for (const [from, to] of [
        [a, b],
        [b, a],
      ])
        from.pc.onicecandidate = (e) => {
          if (!e.candidate || !loopback(e.candidate)) return;
          pending.get(to).push(e.candidate);
          if (to.pc.remoteDescription) void flush(to);
        };
      const both = Promise.all([inboundAudioAt(() => [a.pc], timeoutMs), inboundAudioAt(() => [b.pc], timeoutMs)]);
      await a.pc.setLocalDescription(await a.pc.createOffer());
      await b.pc.setRemoteDescription(a.pc.localDescription);
      for (const transceiver of b.pc.getTransceivers()) {
        transceiver.direction = 'sendrecv';
        if (transceiver.receiver.track.kind === 'audio')
          await transceiver.sender.replaceTrack(b.stream.getAudioTracks()[0]);
      }
      await b.pc.setLocalDescription(await b.pc.createAnswer());
      await flush(b);
      await a.pc.setRemoteDescription(b.pc.localDescription);
      await flush(a);
      const mediaAt = Math.max(...(await both));
      for (const s of [a, b]) {
        s.pc.close();
        for (const track of s.stream.getTracks()) track.stop();
      }
      return { startedAt, mediaAt };
    },
  };
})();
