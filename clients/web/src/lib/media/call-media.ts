import type { MediaPlacement } from '../call-model.ts';
import type { Store } from '../store.ts';

/**
 * The one media port of a call: what the call store and the in-call screen ask of whatever carries
 * the audio and video. Two engines implement it, chosen from the `join` payload's MediaPlacement
 * (never from a build flag): `webrtc-relay` (plain RTCPeerConnection, signaling through devstack's
 * relay) and `chime` (amazon-chime-sdk-js against AWS's media servers). Views never touch a peer
 * connection or a meeting session: they read `state` and bind elements with `attach`.
 */

export type MediaEngine = 'webrtc-relay' | 'chime';
export type DeviceKind = 'audioinput' | 'videoinput' | 'audiooutput';

export interface MediaDevice {
  deviceId: string;
  kind: DeviceKind;
  label: string;
}

/** `connecting` until media flows, `reconnecting` while it is being restored (the call goes on). */
export type MediaStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'ended' | 'failed';
export type ConnectionQuality = 'unknown' | 'good' | 'fair' | 'poor';

export interface MediaState {
  status: MediaStatus;
  muted: boolean;
  cameraOn: boolean;
  sharing: boolean;
  /** the other person joined the media */
  remotePresent: boolean;
  remoteMuted: boolean;
  remoteCameraOn: boolean;
  quality: ConnectionQuality;
  /** chosen device ids (undefined: the browser's default) */
  microphoneId?: string;
  cameraId?: string;
  speakerId?: string;
  /** why it failed (permission refused, no device, signaling refused) */
  error?: string;
}

export const initialMediaState: MediaState = {
  status: 'idle',
  muted: false,
  cameraOn: false,
  sharing: false,
  remotePresent: false,
  remoteMuted: false,
  remoteCameraOn: false,
  quality: 'unknown',
};

/** Counters from the engine's `getStats()`, summed over its streams (they only ever rise). */
export interface MediaStats {
  audioPacketsReceived: number;
  audioPacketsSent: number;
  videoPacketsReceived: number;
  videoFramesDecoded: number;
  /** 0..1, the last received audio level */
  audioLevel: number;
  roundTripMs?: number;
  /** 0..1 of inbound packets lost */
  packetLoss: number;
}

export type MediaSlot = 'remote-video' | 'remote-audio' | 'local-video';

export interface JoinOptions {
  audio: boolean;
  video: boolean;
}

export interface CallMedia {
  readonly engine: MediaEngine;
  readonly state: Store<MediaState>;
  /** asks for the microphone (and camera), then connects; resolves once joining started */
  join(options: JoinOptions): Promise<void>;
  /** stops every track and connection; safe to call twice */
  leave(): Promise<void>;
  setMuted(muted: boolean): void;
  setCamera(on: boolean): Promise<void>;
  startScreenShare(): Promise<void>;
  stopScreenShare(): Promise<void>;
  listDevices(): Promise<MediaDevice[]>;
  selectDevice(kind: DeviceKind, deviceId: string): Promise<void>;
  /** binds (or with null, unbinds) an element to a stream of the call */
  attach(slot: MediaSlot, element: HTMLMediaElement | null): void;
  stats(): Promise<MediaStats>;
}

/** Devstack's signaling relay: `ws(s)://<origin>/_dev/chime/meetings/<MeetingId>/signal`. */
const RELAY_SIGNALING = /^wss?:\/\/[^/]+\/_dev\/chime\/meetings\/[^/]+\/signal$/;

/** Which engine carries a meeting: a devstack relay URL means plain WebRTC, anything else Chime. */
export function chooseEngine(placement: MediaPlacement): MediaEngine {
  return placement.SignalingUrl && RELAY_SIGNALING.test(placement.SignalingUrl) ? 'webrtc-relay' : 'chime';
}

/** A quality from round trip and loss, the same thresholds for both engines. */
export function qualityOf(roundTripMs: number | undefined, packetLoss: number): ConnectionQuality {
  if (roundTripMs === undefined) return 'unknown';
  if (packetLoss > 0.08 || roundTripMs > 600) return 'poor';
  if (packetLoss > 0.02 || roundTripMs > 250) return 'fair';
  return 'good';
}
