import type { Join } from '../call-model.ts';
import { createStore } from '../store.ts';
import {
  type CallMedia,
  type DeviceKind,
  initialMediaState,
  type JoinOptions,
  type MediaDevice,
  type MediaSlot,
  type MediaState,
  type MediaStats,
  qualityOf,
} from './call-media.ts';
import { LocalTracks, listDevices } from './local-tracks.ts';
import { RelaySignaling } from './relay-signaling.ts';
import { emptyStats, readStats } from './rtc-stats.ts';

/**
 * Plain WebRTC between browsers through devstack's signaling relay (the meeting's SignalingUrl).
 * Whoever joins offers to those already present; `data` carries `{description}` or `{candidate}`
 * (plus `session`, the offering peer connection, so a re-join replaces a stale one). Only loopback
 * candidates are used: devstack listens on 127.0.0.1/::1 only. Mute and camera state travel over an
 * RTCDataChannel. A dropped signaling socket reconnects and a broken path restarts ICE: neither ends the call.
 */

interface Peer {
  id: string;
  pc: RTCPeerConnection;
  session: string;
  offerer: boolean;
  channel?: RTCDataChannel;
  pending: RTCIceCandidateInit[];
}

interface SignalData {
  description?: RTCSessionDescriptionInit;
  candidate?: RTCIceCandidateInit | null;
  session?: string;
}

/** true for a host candidate on 127.0.0.1 or ::1 (the only addresses devstack's media can use). */
export function isLoopbackCandidate(candidate: string | undefined): boolean {
  const address = candidate?.split(' ')[4];
  return address === '127.0.0.1' || address === '::1';
}

const sessionId = () => Math.random().toString(36).slice(2, 10);
const RESTART_AFTER_MS = 2_000;

export class WebRtcRelayMedia implements CallMedia {
  readonly engine = 'webrtc-relay' as const;
  readonly state = createStore<MediaState>(initialMediaState);
  private readonly join_: Join;
  private signaling?: RelaySignaling;
  private readonly peers = new Map<string, Peer>();
  private readonly tracks = new LocalTracks();
  private remote = new MediaStream();
  private readonly slots = new Map<MediaSlot, HTMLMediaElement>();
  private done = false;
  private qualityTimer?: ReturnType<typeof setInterval>;
  private readonly onOnline = () => this.networkChanged();

  constructor(join: Join) {
    this.join_ = join;
  }

  async join({ video }: JoinOptions): Promise<void> {
    this.patch({ status: 'connecting' });
    try {
      await this.tracks.open(video);
    } catch (error) {
      this.patch({ status: 'failed', error: (error as Error).name || 'media_unavailable' });
      throw error;
    }
    this.rebindLocal();
    this.patch({ cameraOn: Boolean(this.tracks.camera) });
    globalThis.addEventListener?.('online', this.onOnline);
    this.qualityTimer = setInterval(() => void this.updateQuality(), 2_000);
    this.connect();
  }

  async leave(): Promise<void> {
    if (this.done) return;
    this.finish('ended');
  }

  setMuted(muted: boolean): void {
    if (this.tracks.audio) this.tracks.audio.enabled = !muted;
    // No track at all while muted, so nothing is sent (not even silence).
    for (const peer of this.peers.values())
      void this.sender(peer, 'audio')?.replaceTrack(muted ? null : (this.tracks.audio ?? null));
    this.patch({ muted });
    this.announce();
  }

  async setCamera(on: boolean): Promise<void> {
    await this.tracks.setCamera(on, this.state.get().cameraId);
    this.patch({ cameraOn: Boolean(this.tracks.camera) });
    this.rebindLocal();
    this.replaceVideo();
  }

  async startScreenShare(): Promise<void> {
    await this.tracks.startScreen(() => void this.stopScreenShare());
    this.patch({ sharing: Boolean(this.tracks.screen) });
    this.replaceVideo();
  }

  async stopScreenShare(): Promise<void> {
    this.tracks.stopScreen();
    this.patch({ sharing: false });
    this.replaceVideo();
  }

  listDevices(): Promise<MediaDevice[]> {
    return listDevices();
  }

  async selectDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    if (kind === 'audiooutput') {
      const element = this.slots.get('remote-audio') as
        | (HTMLMediaElement & { setSinkId?: (id: string) => Promise<void> })
        | undefined;
      await element?.setSinkId?.(deviceId);
      this.patch({ speakerId: deviceId });
      return;
    }
    await this.tracks.use(kind, deviceId);
    if (kind === 'audioinput') {
      this.patch({ microphoneId: deviceId });
      this.setMuted(this.state.get().muted);
    } else {
      this.patch({ cameraId: deviceId, cameraOn: true });
      this.replaceVideo();
    }
    this.rebindLocal();
  }

  attach(slot: MediaSlot, element: HTMLMediaElement | null): void {
    if (!element) {
      this.slots.delete(slot);
      return;
    }
    this.slots.set(slot, element);
    this.bind(slot, element);
  }

  async stats(): Promise<MediaStats> {
    const peer = [...this.peers.values()][0];
    return peer ? readStats(await peer.pc.getStats()) : emptyStats();
  }

  private connect(): void {
    const { meeting, attendee } = this.join_;
    const url = `${meeting.MediaPlacement.SignalingUrl}?joinToken=${encodeURIComponent(attendee.JoinToken)}`;
    this.signaling = new RelaySignaling(url, {
      frame: (frame) => void this.onFrame(frame),
      // Signaling dropped: media may still flow, and the socket comes back on its own.
      down: () => this.patch({ status: 'reconnecting' }),
    });
    this.signaling.open();
  }

  // biome-ignore lint/suspicious/noExplicitAny: a frame off the wire, read field by field
  private async onFrame(frame: any): Promise<void> {
    if (frame?.type === 'joined') {
      for (const other of frame.attendees ?? []) {
        const peer = this.peers.get(other.attendeeId);
        if (peer?.pc.connectionState === 'connected') continue;
        this.patch({ remotePresent: true });
        await this.offerTo(other.attendeeId);
      }
      if (this.state.get().status === 'reconnecting' && this.peers.size > 0) this.patch({ status: 'connected' });
    } else if (frame?.type === 'attendee-joined') {
      this.patch({ remotePresent: true });
    } else if (frame?.type === 'attendee-left') {
      this.dropPeer(frame.attendeeId);
      this.patch({ remotePresent: false, remoteCameraOn: false });
    } else if (frame?.type === 'signal' && typeof frame.from === 'string') {
      await this.onSignal(frame.from, (frame.data ?? {}) as SignalData);
    } else if (frame?.type === 'muted') {
      this.setMuted(frame.muted === true);
    } else if (frame?.type === 'ended') {
      this.finish('ended');
    }
  }

  private async onSignal(from: string, data: SignalData): Promise<void> {
    let peer = this.peers.get(from);
    const description = data.description;
    if (description?.type === 'offer') {
      if (!peer || peer.session !== data.session) {
        this.dropPeer(from);
        peer = this.createPeer(from, data.session ?? sessionId(), false);
      }
      await peer.pc.setRemoteDescription(description);
      for (const transceiver of peer.pc.getTransceivers()) {
        if (transceiver.currentDirection === 'sendrecv') continue;
        transceiver.direction = 'sendrecv';
        const kind = transceiver.receiver.track.kind === 'audio' ? 'audio' : 'video';
        await transceiver.sender.replaceTrack(kind === 'audio' ? this.audioSend() : this.videoSend());
        transceiver.sender.setStreams?.(this.tracks.stream);
      }
      await peer.pc.setLocalDescription(await peer.pc.createAnswer());
      this.signal(from, { description: peer.pc.localDescription?.toJSON(), session: peer.session });
      await this.flush(peer);
    } else if (description?.type === 'answer' && peer && peer.session === data.session) {
      if (peer.pc.signalingState === 'have-local-offer') await peer.pc.setRemoteDescription(description);
      await this.flush(peer);
    } else if (
      data.candidate &&
      peer &&
      peer.session === data.session &&
      isLoopbackCandidate(data.candidate.candidate)
    ) {
      peer.pending.push(data.candidate);
      if (peer.pc.remoteDescription) await this.flush(peer);
    }
  }

  private createPeer(id: string, session: string, offerer: boolean): Peer {
    const pc = new RTCPeerConnection({ iceServers: [] });
    const peer: Peer = { id, pc, session, offerer, pending: [] };
    this.peers.set(id, peer);
    if (offerer) {
      // Both kinds always, so camera and screen later are a replaceTrack, never a renegotiation.
      pc.addTransceiver(this.audioSend() ?? 'audio', { direction: 'sendrecv', streams: [this.tracks.stream] });
      pc.addTransceiver(this.videoSend() ?? 'video', { direction: 'sendrecv', streams: [this.tracks.stream] });
      this.bindChannel(peer, pc.createDataChannel('parley'));
    } else {
      pc.ondatachannel = (event) => this.bindChannel(peer, event.channel);
    }
    pc.onicecandidate = (event) => {
      if (event.candidate && isLoopbackCandidate(event.candidate.candidate))
        this.signal(id, { candidate: event.candidate.toJSON(), session });
    };
    pc.ontrack = (event) => {
      const tracks = this.remote.getTracks().filter((t) => t.kind !== event.track.kind);
      this.remote = new MediaStream([...tracks, event.track]);
      for (const slot of ['remote-video', 'remote-audio'] as const) {
        const element = this.slots.get(slot);
        if (element) this.bind(slot, element);
      }
    };
    pc.onconnectionstatechange = () => {
      if (this.peers.get(id) !== peer) return;
      const state = pc.connectionState;
      if (state === 'connected') this.patch({ status: 'connected', remotePresent: true });
      else if (state === 'disconnected' || state === 'failed') {
        this.patch({ status: 'reconnecting' });
        if (offerer) setTimeout(() => this.restartIce(peer), state === 'failed' ? 0 : RESTART_AFTER_MS);
      }
    };
    return peer;
  }

  private async offerTo(id: string): Promise<void> {
    this.dropPeer(id);
    const peer = this.createPeer(id, sessionId(), true);
    await peer.pc.setLocalDescription(await peer.pc.createOffer());
    this.signal(id, { description: peer.pc.localDescription?.toJSON(), session: peer.session });
  }

  private async restartIce(peer: Peer): Promise<void> {
    if (this.done || this.peers.get(peer.id) !== peer || peer.pc.connectionState === 'connected') return;
    if (peer.pc.signalingState !== 'stable') return;
    await peer.pc.setLocalDescription(await peer.pc.createOffer({ iceRestart: true }));
    this.signal(peer.id, { description: peer.pc.localDescription?.toJSON(), session: peer.session });
  }

  private networkChanged(): void {
    this.signaling?.ensureOpen();
    for (const peer of this.peers.values()) if (peer.offerer) void this.restartIce(peer);
  }

  private async flush(peer: Peer): Promise<void> {
    const pending = peer.pending.splice(0);
    for (const candidate of pending) await peer.pc.addIceCandidate(candidate).catch(() => undefined);
  }

  private bindChannel(peer: Peer, channel: RTCDataChannel): void {
    peer.channel = channel;
    channel.onopen = () => this.announce();
    channel.onmessage = (event) => {
      try {
        const message = JSON.parse(String(event.data)) as { type?: string; muted?: unknown; cameraOn?: unknown };
        if (message.type === 'state')
          this.patch({ remoteMuted: message.muted === true, remoteCameraOn: message.cameraOn === true });
      } catch {
        // ignored: not ours
      }
    };
  }

  /** Tells the other side my mute and camera state. */
  private announce(): void {
    const { muted, cameraOn, sharing } = this.state.get();
    const message = JSON.stringify({ type: 'state', muted, cameraOn: cameraOn || sharing });
    for (const peer of this.peers.values()) if (peer.channel?.readyState === 'open') peer.channel.send(message);
  }

  private signal(to: string, data: SignalData): void {
    this.signaling?.send(to, data);
  }

  private sender(peer: Peer, kind: 'audio' | 'video'): RTCRtpSender | undefined {
    return peer.pc.getTransceivers().find((t) => t.receiver.track.kind === kind)?.sender;
  }

  private audioSend(): MediaStreamTrack | null {
    return this.state.get().muted ? null : (this.tracks.audio ?? null);
  }

  private videoSend(): MediaStreamTrack | null {
    return this.tracks.video();
  }

  private replaceVideo(): void {
    for (const peer of this.peers.values()) void this.sender(peer, 'video')?.replaceTrack(this.videoSend());
    this.announce();
  }

  private rebindLocal(): void {
    const element = this.slots.get('local-video');
    if (element) this.bind('local-video', element);
  }

  private bind(slot: MediaSlot, element: HTMLMediaElement): void {
    const stream = slot === 'local-video' ? this.tracks.stream : this.remote;
    if (element.srcObject === stream) return;
    element.srcObject = stream;
    // Sound comes from the remote-audio element only.
    element.muted = slot !== 'remote-audio';
    void element.play?.()?.catch?.(() => undefined);
  }

  private async updateQuality(): Promise<void> {
    if (this.state.get().status !== 'connected') return;
    const stats = await this.stats().catch(() => undefined);
    if (stats) this.patch({ quality: qualityOf(stats.roundTripMs, stats.packetLoss) });
  }

  private dropPeer(id: string): void {
    const peer = this.peers.get(id);
    if (!peer) return;
    this.peers.delete(id);
    peer.channel?.close();
    peer.pc.close();
  }

  private finish(status: 'ended' | 'failed'): void {
    this.done = true;
    clearInterval(this.qualityTimer);
    globalThis.removeEventListener?.('online', this.onOnline);
    for (const id of [...this.peers.keys()]) this.dropPeer(id);
    this.signaling?.close();
    this.tracks.stopAll();
    this.patch({ status, remotePresent: false });
  }

  private patch(next: Partial<MediaState>): void {
    this.state.set((s) => ({ ...s, ...next }));
  }
}
