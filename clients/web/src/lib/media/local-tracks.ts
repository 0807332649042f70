import type { DeviceKind, MediaDevice } from './call-media.ts';

/**
 * This browser's side of a WebRTC call: the microphone, camera and screen tracks, and the stream
 * the self view shows (the camera only). The relay engine sends whatever these hold.
 */
export class LocalTracks {
  /** what the self view shows */
  readonly stream = new MediaStream();
  audio?: MediaStreamTrack;
  camera?: MediaStreamTrack;
  screen?: MediaStreamTrack;

  /** Asks for the microphone (and the camera): throws when refused or missing. */
  async open(video: boolean): Promise<void> {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video });
    this.audio = stream.getAudioTracks()[0];
    this.camera = stream.getVideoTracks()[0];
    this.sync();
  }

  async setCamera(on: boolean, deviceId?: string): Promise<void> {
    if (on && !this.camera) {
      const stream = await navigator.mediaDevices.getUserMedia({ video: constraint(deviceId) });
      this.camera = stream.getVideoTracks()[0];
    } else if (!on) {
      this.camera?.stop();
      this.camera = undefined;
    }
    this.sync();
  }

  async startScreen(onEnded: () => void): Promise<void> {
    const stream = await navigator.mediaDevices.getDisplayMedia({ video: true });
    this.screen = stream.getVideoTracks()[0];
    if (this.screen) this.screen.onended = onEnded;
  }

  stopScreen(): void {
    this.screen?.stop();
    this.screen = undefined;
  }

  /** Swaps the microphone or camera for another device. */
  async use(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void> {
    const wanted = constraint(deviceId);
    const stream = await navigator.mediaDevices.getUserMedia(
      kind === 'audioinput' ? { audio: wanted } : { video: wanted },
    );
    const track = stream.getTracks()[0];
    if (kind === 'audioinput') {
      this.audio?.stop();
      this.audio = track;
    } else {
      this.camera?.stop();
      this.camera = track;
    }
    this.sync();
  }

  /** The video to send: the screen while sharing, else the camera, else nothing. */
  video(): MediaStreamTrack | null {
    return this.screen ?? this.camera ?? null;
  }

  stopAll(): void {
    for (const track of [this.audio, this.camera, this.screen]) track?.stop();
  }

  private sync(): void {
    for (const track of this.stream.getTracks()) this.stream.removeTrack(track);
    if (this.camera) this.stream.addTrack(this.camera);
  }
}

/** The browser's microphones, cameras and speakers (labels once a permission was granted). */
export async function listDevices(): Promise<MediaDevice[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((d) => d.deviceId && (d.kind === 'audioinput' || d.kind === 'videoinput' || d.kind === 'audiooutput'))
    .map((d, i) => ({ deviceId: d.deviceId, kind: d.kind as DeviceKind, label: d.label || `${d.kind} ${i + 1}` }));
}

function constraint(deviceId: string | undefined): MediaTrackConstraints | boolean {
  return deviceId ? { deviceId: { exact: deviceId } } : true;
}
