import type { ServerFrame } from '@parley/realtime/frames';
import { CallFrameType } from './call-model.ts';
import { countryOfNumber } from './phone-format.ts';
import { readVoicemailLeft, type Voicemail } from './phone-model.ts';
import { createStore, type Store } from './store.ts';
import type { VoicemailApi } from './voicemail-api.ts';

export interface VoicemailListState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  items: Voicemail[];
  nextBefore?: string;
  loadingMore: boolean;
  unheardCount: number;
}

/** The recording being played: its URL is asked for when play is pressed, and never kept beyond the page. */
export interface Playing {
  id: string;
  status: 'loading' | 'ready' | 'error';
  url?: string;
}

export interface VoicemailState {
  list: VoicemailListState;
  playing?: Playing;
  /** a delete (or mark heard) that failed, for the list to say */
  actionError?: unknown;
}

const PAGE = 20;

/**
 * My voicemail: the list newest first with the unheard count (the Calls view's badge), playback
 * (a presigned URL fetched on play, which also marks it heard), delete, and a `calling.VoicemailLeft`
 * frame adding a new one at the top at once.
 */
export class VoicemailStore {
  readonly state: Store<VoicemailState> = createStore<VoicemailState>({
    list: { status: 'idle', items: [], loadingMore: false, unheardCount: 0 },
  });
  private readonly api: VoicemailApi;
  private readonly me: string;

  constructor(deps: { api: VoicemailApi; me: string }) {
    this.api = deps.api;
    this.me = deps.me;
  }

  async load(): Promise<void> {
    this.patch((l) => ({ ...l, status: l.status === 'ready' ? 'ready' : 'loading' }));
    try {
      const page = await this.api.list({ limit: PAGE });
      this.patch((l) => ({ ...l, status: 'ready', ...page }));
    } catch {
      this.patch((l) => ({ ...l, status: l.status === 'ready' ? 'ready' : 'error' }));
    }
  }

  async loadMore(): Promise<void> {
    const { nextBefore, loadingMore } = this.state.get().list;
    if (!nextBefore || loadingMore) return;
    this.patch((l) => ({ ...l, loadingMore: true }));
    try {
      const page = await this.api.list({ before: nextBefore, limit: PAGE });
      this.patch((l) => ({
        ...l,
        items: [...l.items, ...page.items.filter((v) => !l.items.some((o) => o.id === v.id))],
        nextBefore: page.nextBefore,
        unheardCount: page.unheardCount,
      }));
    } catch (error) {
      this.state.set((s) => ({ ...s, actionError: error }));
    } finally {
      this.patch((l) => ({ ...l, loadingMore: false }));
    }
  }

  /** After a reconnect: a voicemail may have been left while the socket was down. Only once the list was shown. */
  async resync(): Promise<void> {
    if (this.state.get().list.status !== 'idle') await this.load();
  }

  /** Fetches the recording's URL to play it, and marks it heard. */
  async play(id: string): Promise<void> {
    this.state.set((s) => ({ ...s, playing: { id, status: 'loading' }, actionError: undefined }));
    try {
      const { audioUrl } = await this.api.get(id);
      this.setPlaying(id, { id, status: 'ready', url: audioUrl });
    } catch {
      this.setPlaying(id, { id, status: 'error' });
      return;
    }
    const item = this.state.get().list.items.find((v) => v.id === id);
    if (!item || item.heard) return;
    this.setHeard(id, true);
    try {
      await this.api.markHeard(id);
    } catch (error) {
      this.setHeard(id, false);
      this.state.set((s) => ({ ...s, actionError: error }));
    }
  }

  /** Stops showing the player (the recording's URL is dropped with it). */
  stop(): void {
    this.state.set((s) => ({ ...s, playing: undefined }));
  }

  async remove(id: string): Promise<void> {
    this.state.set((s) => ({ ...s, actionError: undefined }));
    try {
      await this.api.remove(id);
    } catch (error) {
      this.state.set((s) => ({ ...s, actionError: error }));
      return;
    }
    this.state.set((s) => {
      const gone = s.list.items.find((v) => v.id === id);
      const items = s.list.items.filter((v) => v.id !== id);
      const unheardCount = Math.max(0, s.list.unheardCount - (gone && !gone.heard ? 1 : 0));
      return { ...s, list: { ...s.list, items, unheardCount }, playing: s.playing?.id === id ? undefined : s.playing };
    });
  }

  applyFrame(frame: ServerFrame): void {
    if (frame.type !== CallFrameType.voicemailLeft || frame.data.ownerId !== this.me) return;
    const voicemail = readVoicemailLeft(frame.data, countryOfNumber);
    if (!voicemail || this.state.get().list.items.some((v) => v.id === voicemail.id)) return;
    this.patch((l) => ({
      ...l,
      items: [voicemail, ...l.items].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)),
      unheardCount: l.unheardCount + 1,
    }));
  }

  private setHeard(id: string, heard: boolean): void {
    this.patch((l) => ({
      ...l,
      items: l.items.map((v) => (v.id === id ? { ...v, heard } : v)),
      unheardCount: Math.max(0, l.unheardCount + (heard ? -1 : 1)),
    }));
  }

  private setPlaying(id: string, playing: Playing): void {
    if (this.state.get().playing?.id === id) this.state.set((s) => ({ ...s, playing }));
  }

  private patch(change: (l: VoicemailListState) => VoicemailListState): void {
    this.state.set((s) => ({ ...s, list: change(s.list) }));
  }
}
