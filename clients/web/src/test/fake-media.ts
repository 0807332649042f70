import type { Join } from '../lib/call-model.ts';
import {
  type CallMedia,
  initialMediaState,
  type JoinOptions,
  type MediaState,
  type MediaStats,
} from '../lib/media/call-media.ts';
import { emptyStats } from '../lib/media/rtc-stats.ts';
import { createStore } from '../lib/store.ts';

/** A media engine for store and view tests: records what was asked of it; its state is the test's to set. */
export class FakeMedia implements CallMedia {
  readonly engine = 'webrtc-relay' as const;
  readonly state = createStore<MediaState>(initialMediaState);
  readonly join_: Join;
  joined?: JoinOptions;
  left = false;

  constructor(join: Join) {
    this.join_ = join;
  }

  async join(options: JoinOptions): Promise<void> {
    this.joined = options;
    this.patch({ status: 'connected', cameraOn: options.video, remotePresent: true, quality: 'good' });
  }

  async leave(): Promise<void> {
    this.left = true;
    this.patch({ status: 'ended' });
  }

  setMuted(muted: boolean): void {
    this.patch({ muted });
  }

  async setCamera(on: boolean): Promise<void> {
    this.patch({ cameraOn: on });
  }

  async startScreenShare(): Promise<void> {
    this.patch({ sharing: true });
  }

  async stopScreenShare(): Promise<void> {
    this.patch({ sharing: false });
  }

  async listDevices() {
    return [];
  }

  async selectDevice(): Promise<void> {}

  attach(): void {}

  async stats(): Promise<MediaStats> {
    return emptyStats();
  }

  patch(next: Partial<MediaState>): void {
    this.state.set((s) => ({ ...s, ...next }));
  }
}

/** A `createMedia` for the call store that keeps every engine it built, newest last. */
export function fakeMediaFactory() {
  const built: FakeMedia[] = [];
  return {
    built,
    createMedia: async (join: Join) => {
      const media = new FakeMedia(join);
      built.push(media);
      return media;
    },
  };
}
