import type {
  AudioVideoFacade,
  AudioVideoObserver,
  MeetingSessionConfiguration,
  MeetingSessionStatus,
  VideoTileState,
} from 'amazon-chime-sdk-js';
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
} from './call-media.ts';
import { emptyStats, readStats } from './rtc-stats.ts';

/**
 * Calls on AWS: amazon-chime-sdk-js against the meeting's media servers. A session is built from
 * the `join` payload as the calling service got it from Chime SDK Meetings
 * (`new MeetingSessionConfiguration(meeting, attendee)`); audio input is chosen before `start()`
 * (the SDK needs it to join), video input before the local tile; leaving stops them in reverse.
 */

/** The part of the SDK's `AudioVideoFacade` a call uses (the dependency a test replaces). */
export type ChimeAudioVideo = Pick<
  AudioVideoFacade,
  | 'addObserver'
  | 'removeObserver'
  | 'start'
  | 'stop'
  | 'startAudioInput'
  | 'stopAudioInput'
  | 'startVideoInput'
  | 'stopVideoInput'
  | 'startLocalVideoTile'
  | 'stopLocalVideoTile'
  | 'bindAudioElement'
  | 'unbindAudioElement'
  | 'bindVideoElement'
  | 'realtimeMuteLocalAudio'
  | 'realtimeUnmuteLocalAudio'
  | 'realtimeSubscribeToAttendeeIdPresence'
  | 'realtimeSubscribeToVolumeIndicator'
  | 'listAudioInputDevices'
  | 'listVideoInputDevices'
  | 'listAudioOutputDevices'
  | 'chooseAudioOutput'
  | 'startContentShareFromScreenCapture'
  | 'stopContentShare'
  | 'getRTCPeerConnectionStats'
>;

/** What the Chime engine needs of the SDK: its configuration class and a session's audio-video facade. */
export interface ChimeSdk {
  MeetingSessionConfiguration: typeof MeetingSessionConfiguration;
  createAudioVideo(configuration: MeetingSessionConfiguration): ChimeAudioVideo;
}

/** Loads the SDK (a lazy chunk of its own) and builds the engine for a meeting on AWS. */
export async function createChimeMedia(join: Join): Promise<CallMedia> {
  const sdk = await import('amazon-chime-sdk-js');
  return new ChimeMedia(join, {
    MeetingSessionConfiguration: sdk.MeetingSessionConfiguration,
    createAudioVideo(configuration) {
      const logger = new sdk.ConsoleLogger('parley-call', sdk.LogLevel.WARN);
      const devices = new sdk.DefaultDeviceController(logger, { enableWebAudio: false });
      return new sdk.DefaultMeetingSession(configuration, logger, devices).audioVideo;
    },
  });
}

export class ChimeMedia implements CallMedia {
  readonly engine = 'chime' as const;
  readonly state = createStore<MediaState>(initialMediaState);
  private readonly join_: Join;
  private readonly sdk: ChimeSdk;
  private av?: ChimeAudioVideo;
  private readonly slots = new Map<MediaSlot, HTMLMediaElement>();
  private localTile?: number;
  private remoteTile?: number;
  private done = false;
  private readonly observer: AudioVideoObserver = {
    audioVideoDidStart: () => {
      this.patch({ status: 'connected' });
      if (this.state.get().cameraOn) this.av?.startLocalVideoTile();
    },
    audioVideoDidStartConnecting: (reconnecting: boolean) => {
      if (reconnecting) this.patch({ status: 'reconnecting' });
    },
    audioVideoDidStop: (status: MeetingSessionStatus) => {
      this.patch({ status: status.isFailure() ? 'failed' : 'ended', remotePresent: false });
    },
    connectionDidBecomePoor: () => this.patch({ quality: 'poor' }),
    connectionDidSuggestStopVideo: () => this.patch({ quality: 'poor' }),
    connectionDidBecomeGood: () => this.patch({ quality: 'good' }),
    videoTileDidUpdate: (tile: VideoTileState) => {
      if (tile.tileId === null || (tile.isContent && tile.localTile)) return;
      if (tile.localTile) this.localTile = tile.tileId;
      else {
        this.remoteTile = tile.tileId;
        this.patch({ remoteCameraOn: tile.active && !tile.paused });
      }
      this.bindTiles();
    },
    videoTileWasRemoved: (tileId: number) => {
      if (tileId === this.remoteTile) {
        this.remoteTile = undefined;
        this.patch({ remoteCameraOn: false });
      }
    },
  };

  constructor(join: Join, sdk: ChimeSdk) {
    this.join_ = join;
    this.sdk = sdk;
  }

  async join({ video }: JoinOptions): Promise<void> {
    this.patch({ status: 'connecting' });
    const configuration = new this.sdk.MeetingSessionConfiguration(this.join_.meeting, this.join_.attendee);
    const av = this.sdk.createAudioVideo(configuration);
    this.av = av;
    const me = this.join_.attendee.AttendeeId;
    av.addObserver(this.observer);
    av.realtimeSubscribeToAttendeeIdPresence((attendeeId, present) => {
      if (attendeeId === me) return;
      this.patch({ remotePresent: present });
      if (present)
        av.realtimeSubscribeToVolumeIndicator(attendeeId, (_id, _volume, muted) => {
          if (muted !== null) this.patch({ remoteMuted: muted });
        });
    });
    try {
      await av.startAudioInput(await this.firstDevice('audioinput'));
      if (video) await av.startVideoInput(await this.firstDevice('videoinput'));
    } catch (error) {
      this.patch({ status: 'failed', error: (error as Error).name || 'media_unavailable' });
      throw error;
    }
    this.patch({ cameraOn: video });
    const audio = this.slots.get('remote-audio');
    if (audio) await av.bindAudioElement(audio as HTMLAudioElement);
    av.start();
  }

  async leave(): Promise<void> {
    const av = this.av;
    if (this.done || !av) return;
    this.done = true;
    if (this.state.get().sharing) av.stopContentShare();
    av.stopLocalVideoTile();
    av.stop();
    await av.stopVideoInput();
    await av.stopAudioInput();
    av.unbindAudioElement();
    av.removeObserver(this.observer);
    this.patch({ status: 'ended', remotePresent: false });
  }

  setMuted(muted: boolean): void {
    if (muted) this.av?.realtimeMuteLocalAudio();
    else this.av?.realtimeUnmuteLocalAudio();
    this.patch({ muted });
  }

  async setCamera(on: boolean): Promise<void> {
    const av = this.av;
    if (!av) return;
    if (on) {
      await av.startVideoInput(this.state.get().cameraId ?? (await this.firstDevice('videoinput')));
      av.startLocalVideoTile();
    } else {
      av.stopLocalVideoTile();
      await av.stopVideoInput();
    }
    this.patch({ cameraOn: on });
  }

  async startScreenShare(): Promise<void> {
    await this.av?.startContentShareFromScreenCapture();
    this.patch({ sharing: true });
  }

  async stopScreenShare(): Promise<void> {
    this.av?.stopContentShare();
    this.patch({ sharing: false });
  }

  async listDevices(): Promise<MediaDevice[]> {
    const av = this.av;
    if (!av) return [];
    const lists = await Promise.all([
      av.listAudioInputDevices(),
      av.listVideoInputDevices(),
      av.listAudioOutputDevices(),
    ]);
    return lists
      .flat()
      .map((d, i) => ({ deviceId: d.deviceId, kind: d.kind as DeviceKind, label: d.label || `${d.kind} ${i + 1}` }));
  }

  async selectDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    const av = this.av;
    if (!av) return;
    if (kind === 'audioinput') {
      await av.startAudioInput(deviceId);
      this.patch({ microphoneId: deviceId });
    } else if (kind === 'videoinput') {
      await av.startVideoInput(deviceId);
      this.patch({ cameraId: deviceId });
    } else {
      await av.chooseAudioOutput(deviceId);
      this.patch({ speakerId: deviceId });
    }
  }

  attach(slot: MediaSlot, element: HTMLMediaElement | null): void {
    if (!element) {
      this.slots.delete(slot);
      return;
    }
    this.slots.set(slot, element);
    if (slot === 'remote-audio') void this.av?.bindAudioElement(element as HTMLAudioElement);
    else this.bindTiles();
  }

  async stats(): Promise<MediaStats> {
    return this.av ? readStats(await this.av.getRTCPeerConnectionStats()) : emptyStats();
  }

  private bindTiles(): void {
    const local = this.slots.get('local-video');
    const remote = this.slots.get('remote-video');
    if (local && this.localTile !== undefined) this.av?.bindVideoElement(this.localTile, local as HTMLVideoElement);
    if (remote && this.remoteTile !== undefined) this.av?.bindVideoElement(this.remoteTile, remote as HTMLVideoElement);
  }

  /** The chosen device, else the first the SDK lists, else the browser's default. */
  private async firstDevice(kind: 'audioinput' | 'videoinput'): Promise<string> {
    const chosen = kind === 'audioinput' ? this.state.get().microphoneId : this.state.get().cameraId;
    if (chosen) return chosen;
    const list =
      kind === 'audioinput' ? await this.av?.listAudioInputDevices() : await this.av?.listVideoInputDevices();
    return list?.[0]?.deviceId ?? 'default';
  }

  private patch(next: Partial<MediaState>): void {
    this.state.set((s) => ({ ...s, ...next }));
  }
}
