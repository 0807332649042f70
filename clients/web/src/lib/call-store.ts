import type { ServerFrame } from '@parley/realtime/frames';
import { ApiError } from './api-client.ts';
import { CallCore, type CallStoreDeps } from './call-core.ts';
import { CallLog, LOG_PAGE } from './call-log.ts';
import {
  CallFrameType,
  type CallMediaKind,
  type EndReason,
  readAnswered,
  readEnded,
  readRinging,
} from './call-model.ts';
import type { PhoneSide } from './call-state.ts';
import type { CallingApi } from './calling-api.ts';
import { ringOfCall, ringOfInbound } from './phone-calls.ts';
import { readInbound } from './phone-model.ts';

export type { CallStoreDeps } from './call-core.ts';
export type { CallLogState, CallPhase, CallsState, CurrentCall, PhoneSide, Ring } from './call-state.ts';

/**
 * The calls of this device: incoming rings (from `calling.CallRinging` frames, and the call log
 * read again on every reconnect so a ring sent while the socket was down is not missed), the one
 * call in progress (outgoing with ringback, active with its media, ended with the reason for a
 * moment), call waiting (rings while in a call) and the call log. Views read `state` and call the
 * methods; only this store holds a `CallMedia`, and no view ever touches a peer connection.
 */
export class CallStore extends CallCore {
  private readonly log: CallLog;

  constructor(deps: CallStoreDeps) {
    super(deps);
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

  /** Calls a phone number (E.164, quoted first by the dial pad); audio only. */
  async dial(e164: string, phone: Omit<PhoneSide, 'number'> = {}): Promise<void> {
    if (this.inCall()) return;
    const side = { ...phone, number: e164 };
    this.setCurrent({
      phase: 'outgoing',
      kind: 'pstn-out',
      peerId: e164,
      media: 'audio',
      direction: 'outgoing',
      phone: side,
    });
    try {
      await this.joined(await this.deps.api.dial(e164), 'audio');
    } catch (error) {
      this.failed(error);
    }
  }

  /** Sends keypad tones to the phone on the call in progress; false when they could not be sent. */
  async sendDigits(digits: string): Promise<boolean> {
    const current = this.state.get().current;
    if (!current?.callId || current.phase !== 'active' || !current.phone) return false;
    try {
      await this.deps.api.dtmf(current.callId, digits);
      return true;
    } catch {
      return false;
    }
  }

  /** Answers a ring; while in another call, that one is hung up first (call waiting). */
  async answer(callId: string, media: CallMediaKind): Promise<void> {
    const ring = this.rings.find(callId);
    if (!ring) return;
    if (this.inCall()) await this.hangup();
    this.rings.drop(callId);
    // A phone call is audio only.
    const phone = ring.phone ? { kind: 'pstn-in' as const, phone: ring.phone } : {};
    const answerWith: CallMediaKind = ring.phone ? 'audio' : media;
    this.setCurrent({
      callId,
      phase: 'connecting',
      peerId: ring.callerId,
      peerName: ring.callerName,
      media: answerWith,
      direction: 'incoming',
      ...phone,
    });
    try {
      await this.joined(await this.deps.api.answer(callId, answerWith), answerWith);
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
    this.rings.drop(callId);
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
      this.patchEnded(call.id, {
        endReason: call.endReason ?? reason,
        durationSeconds: call.durationSeconds,
        cost: call.cost,
      });
    } catch {
      // The call is over here either way; the server ends it when the ring times out or both leave.
    }
  }

  /** Applies a WebSocket frame; anything but a calling frame is ignored. */
  applyFrame(frame: ServerFrame): void {
    if (frame.type === CallFrameType.ringing) {
      const ring = readRinging(frame.data);
      if (!ring || ring.calleeId !== this.deps.me) return;
      this.addRing(ring);
    } else if (frame.type === CallFrameType.inbound) {
      const inbound = readInbound(frame.data);
      if (inbound?.calleeId === this.deps.me) this.addRing(ringOfInbound(inbound));
    } else if (frame.type === CallFrameType.answered) {
      const answered = readAnswered(frame.data);
      if (!answered) return;
      this.answered.add(answered.callId);
      // Answered here or on another device: either way it stops ringing here.
      this.rings.drop(answered.callId);
      const current = this.state.get().current;
      if (current?.callId === answered.callId && current.phase !== 'ended' && current.phase !== 'active')
        this.setCurrent({ ...current, phase: 'active', answeredAt: answered.answeredAt });
    } else if (frame.type === CallFrameType.ended) {
      const ended = readEnded(frame.data);
      if (!ended) return;
      this.over.add(ended.callId);
      this.endings.set(ended.callId, ended);
      this.rings.drop(ended.callId);
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
        this.addRing(ringOfCall(call));
      } else if (call.state === 'ended') {
        this.over.add(call.id);
        this.rings.drop(call.id);
        const current = this.state.get().current;
        if (current?.callId === call.id && current.phase !== 'ended')
          this.end({
            endReason: call.endReason ?? 'completed',
            endedAt: call.endedAt,
            durationSeconds: call.durationSeconds,
            cost: call.cost,
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
    this.rings.dispose();
    void this.state.get().current?.engine?.leave();
  }
}
