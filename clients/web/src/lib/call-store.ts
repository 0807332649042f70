import type { ServerFrame } from '@parley/realtime/frames';
import { ApiError } from './api-client.ts';
import { CallLog, initialLog, LOG_PAGE } from './call-log.ts';
import {
  CallFrameType,
  type CallMediaKind,
  type EndedFrame,
  type EndReason,
  type Join,
  readAnswered,
  readEnded,
  readRinging,
} from './call-model.ts';
import type { CallsState, CurrentCall, Ring } from './call-state.ts';
import type { CallingApi, CallWithJoin } from './calling-api.ts';
import type { CallMedia } from './media/call-media.ts';
import { createStore, type Store } from './store.ts';

export type { CallLogState, CallPhase, CallsState, CurrentCall, Ring } from './call-state.ts';

/** What the call store needs: the calling port, who I am, and how to build a media engine. */
export interface CallStoreDeps {
  api: CallingApi;
  me: string;
  /** builds the media engine for a join (chosen from its MediaPlacement) */
  createMedia: (join: Join) => Promise<CallMedia>;
  /** how long an ended call stays on screen with its reason */
  endedLingerMs?: number;
  now?: () => number;
}

/**
 * The calls of this device: incoming rings (from `calling.CallRinging` frames, and the call log
 * read again on every reconnect so a ring sent while the socket was down is not missed), the one
 * call in progress (outgoing with ringback, active with its media, ended with the reason for a
 * moment), call waiting (rings while in a call) and the call log. Views read `state` and call the
 * methods; only this store holds a `CallMedia`, and no view ever touches a peer connection.
 */
export class CallStore {
  readonly state: Store<CallsState> = createStore<CallsState>({ rings: [], log: initialLog });
  private readonly log: CallLog;
  private readonly deps: CallStoreDeps;
  private lingerTimer?: ReturnType<typeof setTimeout>;
  private readonly ringTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** calls this device knows are over (a late ringing frame for one is ignored) */
  private readonly over = new Set<string>();
  /** calls a `calling.CallAnswered` frame announced (it can arrive before the HTTP answer) */
  private readonly answered = new Set<string>();
  /** how calls ended, from their frames (one can end before this device learnt its id) */
  private readonly endings = new Map<string, EndedFrame>();

  constructor(deps: CallStoreDeps) {
    this.deps = deps;
    this.log = new CallLog(deps.api, this.state);
  }

  /** Places a call; the media joins at once (ringback plays until the other side answers). */
  async startCall(peerId: string, media: CallMediaKind, peerName?: string): Promise<void> {
    if (this.inCall()) return;
    this.setCurrent({ phase: 'outgoing', peerId, peerName, media, direction: 'outgoing' });
    try {
      await this.joined(await this.deps.api.start(peerId, media), media);
    } catch (error) {
      this.failed(error);
    }
  }

  /** Answers a ring; while in another call, that one is hung up first (call waiting). */
  async answer(callId: string, media: CallMediaKind): Promise<void> {
    const ring = this.state.get().rings.find((r) => r.callId === callId);
    if (!ring) return;
    if (this.inCall()) await this.hangup();
    this.dropRing(callId);
    this.setCurrent({
      callId,
      phase: 'connecting',
      peerId: ring.callerId,
      peerName: ring.callerName,
      media,
      direction: 'incoming',
    });
    try {
      await this.joined(await this.deps.api.answer(callId, media), media);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'call_not_ringing') {
        this.over.add(callId);
        this.state.set((s) => ({ ...s, current: undefined, notice: 'answered-elsewhere' }));
        return;
      }
      this.failed(error);
    }
  }

  async decline(callId: string): Promise<void> {
    this.over.add(callId);
    this.dropRing(callId);
    await this.deps.api.decline(callId).catch(() => undefined);
  }

  /** Cancels an outgoing call still ringing, or ends the active one. */
  async hangup(): Promise<void> {
    const current = this.state.get().current;
    if (!current || current.phase === 'ended') return;
    const reason: EndReason = current.phase === 'active' ? 'completed' : 'cancelled';
    this.end({ endReason: reason, endedAt: new Date(this.now()).toISOString() });
    if (!current.callId) return;
    try {
      const call = await this.deps.api.hangup(current.callId);
      this.patchEnded(call.id, { endReason: call.endReason ?? reason, durationSeconds: call.durationSeconds });
    } catch {
      // The call is over here either way; the server ends it when the ring times out or both leave.
    }
  }

  /** Clears an ended call (or the lost-race notice) from the screen. */
  dismiss(): void {
    clearTimeout(this.lingerTimer);
    this.state.set((s) => ({ ...s, current: s.current?.phase === 'ended' ? undefined : s.current, notice: undefined }));
  }

  /** Applies a WebSocket frame; anything but a calling frame is ignored. */
  applyFrame(frame: ServerFrame): void {
    if (frame.type === CallFrameType.ringing) {
      const ring = readRinging(frame.data);
      if (!ring || ring.calleeId !== this.deps.me) return;
      this.addRing(ring);
    } else if (frame.type === CallFrameType.answered) {
      const answered = readAnswered(frame.data);
      if (!answered) return;
      this.answered.add(answered.callId);
      // Answered here or on another device: either way it stops ringing here.
      this.dropRing(answered.callId);
      const current = this.state.get().current;
      if (current?.callId === answered.callId && current.phase !== 'ended' && current.phase !== 'active')
        this.setCurrent({ ...current, phase: 'active', answeredAt: answered.answeredAt });
    } else if (frame.type === CallFrameType.ended) {
      const ended = readEnded(frame.data);
      if (!ended) return;
      this.over.add(ended.callId);
      this.endings.set(ended.callId, ended);
      this.dropRing(ended.callId);
      const current = this.state.get().current;
      if (current?.callId === ended.callId) {
        if (current.phase === 'ended') this.patchEnded(ended.callId, ended);
        else this.end(ended);
      }
      if (this.state.get().log.status === 'ready') void this.loadLog();
    } else if (frame.type === CallFrameType.missed) {
      if (frame.data.calleeId === this.deps.me) void this.loadLog();
    }
  }

  /**
   * After a reconnect (or at sign-in): the newest calls say what rang while the socket was down,
   * what ended, and the unseen-missed count.
   */
  async resync(): Promise<void> {
    let page: Awaited<ReturnType<CallingApi['list']>>;
    try {
      page = await this.deps.api.list({ limit: LOG_PAGE });
    } catch {
      return;
    }
    for (const call of page.items) {
      if (call.state === 'ringing' && call.direction === 'incoming') {
        this.addRing({
          callId: call.id,
          callerId: call.callerId,
          media: call.media,
          startedAt: call.startedAt,
          ringUntil: call.ringUntil,
        });
      } else if (call.state === 'ended') {
        this.over.add(call.id);
        this.dropRing(call.id);
        const current = this.state.get().current;
        if (current?.callId === call.id && current.phase !== 'ended')
          this.end({
            endReason: call.endReason ?? 'completed',
            endedAt: call.endedAt,
            durationSeconds: call.durationSeconds,
          });
      }
    }
    this.log.took(page);
  }

  /** The call log's first page. */
  loadLog(): Promise<void> {
    return this.log.load();
  }

  /** The next (older) page of the call log. */
  loadMore(): Promise<void> {
    return this.log.loadMore();
  }

  /** Marks my missed calls seen (the Calls view was opened). */
  markSeen(): Promise<void> {
    return this.log.markSeen();
  }

  /** Leaves any media (sign-out, tab closing). */
  dispose(): void {
    clearTimeout(this.lingerTimer);
    for (const timer of this.ringTimers.values()) clearTimeout(timer);
    void this.state.get().current?.engine?.leave();
  }

  private inCall(): boolean {
    const current = this.state.get().current;
    return current !== undefined && current.phase !== 'ended';
  }

  private async joined({ call, join }: CallWithJoin, media: CallMediaKind): Promise<void> {
    if (this.abandoned(call.id)) return;
    const engine = await this.deps.createMedia(join);
    // It may have ended while the engine loaded (a fast decline): do not join a finished call.
    if (this.abandoned(call.id)) return;
    const latest = this.state.get().current as CurrentCall;
    // The answer's frame can beat the HTTP answer to placing the call.
    const active = call.state === 'active' || this.answered.has(call.id) || latest.phase === 'active';
    this.setCurrent({
      ...latest,
      callId: call.id,
      phase: active ? 'active' : latest.phase,
      answeredAt: latest.answeredAt ?? call.answeredAt ?? (active ? new Date(this.now()).toISOString() : undefined),
      engine,
    });
    try {
      await engine.join({ audio: true, video: media === 'video' });
    } catch {
      // The engine's state says why (permission refused, no device); the call stays up to hang up.
    }
  }

  /** true when the call was hung up or ended while being placed or answered (and tells the server so). */
  private abandoned(callId: string): boolean {
    const latest = this.state.get().current;
    if (latest && latest.phase !== 'ended' && !this.over.has(callId)) return false;
    if (latest?.phase === 'ended' && !latest.callId) {
      this.state.set((s) => ({ ...s, current: s.current && { ...s.current, callId } }));
      void this.deps.api.hangup(callId).catch(() => undefined);
    } else if (latest && latest.phase !== 'ended') {
      this.end(this.endings.get(callId) ?? { endReason: 'completed' });
    }
    return true;
  }

  private failed(error: unknown): void {
    const code = error instanceof ApiError ? error.code : 'failed';
    this.end({ endReason: 'failed', endedAt: new Date(this.now()).toISOString(), error: code });
  }

  private end(ended: { endReason: EndReason; endedAt?: string; durationSeconds?: number; error?: string }): void {
    const current = this.state.get().current;
    if (!current) return;
    if (current.callId) this.over.add(current.callId);
    void current.engine?.leave();
    const durationSeconds =
      ended.durationSeconds ??
      (current.answeredAt ? Math.max(0, Math.round((this.now() - Date.parse(current.answeredAt)) / 1000)) : undefined);
    this.setCurrent({
      ...current,
      phase: 'ended',
      ...ended,
      durationSeconds,
      endedAt: ended.endedAt ?? new Date(this.now()).toISOString(),
    });
    clearTimeout(this.lingerTimer);
    this.lingerTimer = setTimeout(() => this.dismiss(), this.deps.endedLingerMs ?? 4_000);
  }

  private patchEnded(callId: string, ended: { endReason: EndReason; durationSeconds?: number }): void {
    const current = this.state.get().current;
    if (current?.callId !== callId || current.phase !== 'ended') return;
    this.setCurrent({
      ...current,
      endReason: ended.endReason,
      durationSeconds: ended.durationSeconds ?? current.durationSeconds,
    });
  }

  private addRing(ring: Ring): void {
    if (this.over.has(ring.callId) || this.state.get().current?.callId === ring.callId) return;
    if (this.state.get().rings.some((r) => r.callId === ring.callId)) return;
    this.state.set((s) => ({ ...s, rings: [...s.rings, ring] }));
    // The server ends an unanswered call at ringUntil; stop ringing then even if that frame is lost.
    // Measured from startedAt, not this device's clock, which may be off.
    const left = Math.max(0, Date.parse(ring.ringUntil) - Date.parse(ring.startedAt)) + 5_000;
    this.ringTimers.set(
      ring.callId,
      setTimeout(() => this.dropRing(ring.callId), left),
    );
  }

  private dropRing(callId: string): void {
    clearTimeout(this.ringTimers.get(callId));
    this.ringTimers.delete(callId);
    if (!this.state.get().rings.some((r) => r.callId === callId)) return;
    this.state.set((s) => ({ ...s, rings: s.rings.filter((r) => r.callId !== callId) }));
  }

  private setCurrent(current: CurrentCall): void {
    clearTimeout(this.lingerTimer);
    this.state.set((s) => ({ ...s, current, notice: undefined }));
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }
}
