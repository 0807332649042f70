import { ApiError } from './api-client.ts';
import { initialLog } from './call-log.ts';
import type { CallMediaKind, EndedFrame, EndReason, Join } from './call-model.ts';
import { CallRings } from './call-rings.ts';
import type { CallsState, CurrentCall, Ring } from './call-state.ts';
import type { CallingApi, CallWithJoin } from './calling-api.ts';
import type { CallMedia } from './media/call-media.ts';
import { mergePhone } from './phone-calls.ts';
import { refusalReason } from './phone-errors.ts';
import type { Money, QuoteReason } from './phone-model.ts';
import { createStore, type Store } from './store.ts';

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
 * What the call store's actions share: the state, the rings, what this device knows of calls that
 * ended or were answered elsewhere, and the moves of the call in progress (joined, ended, failed).
 */
export class CallCore {
  readonly state: Store<CallsState> = createStore<CallsState>({ rings: [], log: initialLog });
  protected readonly deps: CallStoreDeps;
  protected readonly rings = new CallRings(this.state);
  /** calls this device knows are over (a late ringing frame for one is ignored) */
  protected readonly over = new Set<string>();
  /** calls a `calling.CallAnswered` frame announced (it can arrive before the HTTP answer) */
  protected readonly answered = new Set<string>();
  /** how calls ended, from their frames (one can end before this device learnt its id) */
  protected readonly endings = new Map<string, EndedFrame>();
  protected lingerTimer?: ReturnType<typeof setTimeout>;

  constructor(deps: CallStoreDeps) {
    this.deps = deps;
  }

  /** Clears an ended call (or the lost-race notice) from the screen. */
  dismiss(): void {
    clearTimeout(this.lingerTimer);
    this.state.set((s) => ({ ...s, current: s.current?.phase === 'ended' ? undefined : s.current, notice: undefined }));
  }

  protected inCall(): boolean {
    const current = this.state.get().current;
    return current !== undefined && current.phase !== 'ended';
  }

  protected async joined({ call, join }: CallWithJoin, media: CallMediaKind): Promise<void> {
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
      ...(call.kind === 'app' ? {} : { kind: call.kind, phone: mergePhone(latest.phone, call) }),
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
  protected abandoned(callId: string): boolean {
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

  protected failed(error: unknown): void {
    const code = error instanceof ApiError ? error.code : 'failed';
    const refusal = refusalReason(error);
    this.end({
      endReason: 'failed',
      endedAt: new Date(this.now()).toISOString(),
      error: code,
      ...(refusal && { refusal }),
    });
  }

  protected end(ended: {
    endReason: EndReason;
    endedAt?: string;
    durationSeconds?: number;
    error?: string;
    refusal?: QuoteReason;
    cost?: Money;
  }): void {
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

  protected patchEnded(callId: string, ended: { endReason: EndReason; durationSeconds?: number; cost?: Money }): void {
    const current = this.state.get().current;
    if (current?.callId !== callId || current.phase !== 'ended') return;
    this.setCurrent({
      ...current,
      endReason: ended.endReason,
      durationSeconds: ended.durationSeconds ?? current.durationSeconds,
      cost: ended.cost ?? current.cost,
    });
  }

  protected addRing(ring: Ring): void {
    if (this.over.has(ring.callId) || this.state.get().current?.callId === ring.callId) return;
    this.rings.add(ring);
  }

  protected setCurrent(current: CurrentCall): void {
    clearTimeout(this.lingerTimer);
    this.state.set((s) => ({ ...s, current, notice: undefined }));
  }

  protected now(): number {
    return this.deps.now?.() ?? Date.now();
  }
}
