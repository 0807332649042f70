/**
 * The virtual phone's calls: the public switched telephone network as devstack sees it. A call is
 * `inbound` when a person at the virtual phone dialed Parley, `outbound` when Parley (a
 * CreateSipMediaApplicationCall or a CallAndBridge) called the virtual phone. The driver records
 * what the far end hears (speech, prompts, digits); the person answers, hangs up and presses keys.
 * Calls live in memory (a restart of devstack hangs every call up anyway).
 */
import { randomUUID } from 'node:crypto';
import type { SmaClock } from './sma-clock.ts';

export type PstnCallState = 'ringing' | 'active' | 'ended' | 'failed';

export interface PstnMeeting {
  meetingId: string;
  attendeeId: string;
  joinToken: string;
  signalingUrl: string;
}

/** A call as `GET /_dev/pstn/calls/{id}` shows it. */
export interface PstnCall {
  id: string;
  direction: 'inbound' | 'outbound';
  from: string;
  to: string;
  state: PstnCallState;
  /** Every action the SIP media application ran on this leg: `{at, type, parameters}`. */
  actions: { at: string; type: string; parameters: Record<string, unknown> }[];
  /** What the far end said: Speak text and played prompts (`kind: "audio"`, text = the S3 object). */
  spoken: { at: string; kind: 'speech' | 'audio'; text: string }[];
  /** Keys the person at the virtual phone pressed. */
  digitsSent: { at: string; digits: string }[];
  /** Tones Parley sent to the virtual phone (SendDigits). */
  digitsReceived: { at: string; digits: string }[];
  /** RecordAudio files made of this leg. */
  recordings: { at: string; bucket: string; key: string; durationMs: number }[];
  meeting?: PstnMeeting;
  /** SIP headers on the INVITE (inbound through a carrier trunk, or a CallAndBridge to a Voice Connector). */
  sipHeaders?: Record<string, string>;
  transactionId?: string;
  startedAt: string;
  answeredAt?: string;
  endedAt?: string;
  /** hung-up (by the person), remote-hung-up (by Parley), declined, no-answer, cancelled, not-routed, unavailable. */
  endReason?: string;
  /** Why, in words (a call that failed at once). */
  message?: string;
  sipResponseCode?: string;
}

/** What the driver does when the person acts on a call. */
export interface PstnFarEndListener {
  hungUp(call: PstnCall): void;
  digits(call: PstnCall, digits: string): void;
}

export type RingOutcome = 'answered' | 'declined' | 'no-answer' | 'cancelled';
export type PhoneResult = { ok: true; call: PstnCall } | { ok: false; status: number; code: string; message: string };

const KEEP_ENDED = 200;

export class PstnCalls {
  private readonly calls = new Map<string, PstnCall>();
  private readonly ringing = new Map<string, (outcome: RingOutcome) => void>();
  private readonly watchers = new Set<(call: PstnCall) => void>();
  private readonly clock: Pick<SmaClock, 'now' | 'sleep'>;
  farEnd: PstnFarEndListener | undefined;

  constructor(clock: Pick<SmaClock, 'now' | 'sleep'>) {
    this.clock = clock;
  }

  private stamp(): string {
    return new Date(this.clock.now()).toISOString();
  }

  private changed(call: PstnCall): void {
    for (const watch of this.watchers) watch(call);
  }

  /** Calls a watcher on every change of any call (the page's live updates); returns the unsubscribe. */
  watch(fn: (call: PstnCall) => void): () => void {
    this.watchers.add(fn);
    return () => this.watchers.delete(fn);
  }

  list(): PstnCall[] {
    return [...this.calls.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  get(id: string): PstnCall | undefined {
    return this.calls.get(id);
  }

  /** A new call, ringing (or failed at once with `failed`). */
  open(input: {
    direction: PstnCall['direction'];
    from: string;
    to: string;
    sipHeaders?: Record<string, string>;
    failed?: string;
    message?: string;
  }): PstnCall {
    const call: PstnCall = {
      id: randomUUID(),
      direction: input.direction,
      from: input.from,
      to: input.to,
      state: input.failed ? 'failed' : 'ringing',
      actions: [],
      spoken: [],
      digitsSent: [],
      digitsReceived: [],
      recordings: [],
      ...(input.sipHeaders ? { sipHeaders: input.sipHeaders } : {}),
      startedAt: this.stamp(),
      ...(input.failed ? { endedAt: this.stamp(), endReason: input.failed } : {}),
      ...(input.message ? { message: input.message } : {}),
    };
    this.calls.set(call.id, call);
    this.prune();
    this.changed(call);
    return call;
  }

  private prune(): void {
    const ended = [...this.calls.values()].filter((c) => c.state === 'ended' || c.state === 'failed');
    for (const old of ended.slice(0, Math.max(0, ended.length - KEEP_ENDED))) this.calls.delete(old.id);
  }

  /** Updates a call in place (driver side: transaction id, meeting, spoken text, …). */
  update(call: PstnCall, change: (call: PstnCall) => void): void {
    change(call);
    this.changed(call);
  }

  /** Adds one timestamped entry to a list of the call. */
  note<K extends 'actions' | 'spoken' | 'digitsReceived' | 'recordings'>(
    call: PstnCall,
    list: K,
    entry: Omit<PstnCall[K][number], 'at'>,
  ): void {
    this.update(call, (c) => (c[list] as unknown[]).push({ at: this.stamp(), ...entry }));
  }

  /** The call is answered: by the SIP media application (inbound) or by the person (outbound). */
  markActive(call: PstnCall): void {
    if (call.state !== 'ringing') return;
    this.update(call, (c) => {
      c.state = 'active';
      c.answeredAt = this.stamp();
    });
  }

  /** The call ended, for `reason` (see PstnCall.endReason). No-op when it already has. */
  end(call: PstnCall, reason: string, sipResponseCode?: string): void {
    if (call.state === 'ended' || call.state === 'failed') return;
    this.ringing.get(call.id)?.('cancelled');
    this.update(call, (c) => {
      c.state = 'ended';
      c.endedAt = this.stamp();
      c.endReason = reason;
      if (sipResponseCode !== undefined) c.sipResponseCode = sipResponseCode;
    });
  }

  /**
   * Rings an outbound call until the person answers or declines it, `timeoutMs` of call time
   * passes (no-answer) or `signal` aborts (cancelled, e.g. the caller hung up first).
   */
  ring(call: PstnCall, timeoutMs: number, signal?: AbortSignal): Promise<RingOutcome> {
    return new Promise((resolve) => {
      const stop = new AbortController();
      const settle = (outcome: RingOutcome) => {
        if (!this.ringing.has(call.id)) return;
        this.ringing.delete(call.id);
        stop.abort();
        signal?.removeEventListener('abort', onAbort);
        if (outcome === 'answered') this.markActive(call);
        else if (outcome === 'no-answer') this.end(call, 'no-answer', '480');
        else if (outcome === 'cancelled') this.end(call, 'cancelled', '487');
        resolve(outcome);
      };
      const onAbort = () => settle('cancelled');
      this.ringing.set(call.id, settle);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) return settle('cancelled');
      void this.clock.sleep(timeoutMs, stop.signal).then((elapsed) => elapsed && settle('no-answer'));
    });
  }

  /** The person answers a ringing outbound call. */
  answer(id: string): PhoneResult {
    const call = this.calls.get(id);
    if (!call) return notFound(id);
    const settle = this.ringing.get(id);
    if (call.direction !== 'outbound' || call.state !== 'ringing' || !settle)
      return conflict(`Only a ringing call from Parley can be answered; this one is ${call.direction}, ${call.state}.`);
    settle('answered');
    return { ok: true, call };
  }

  /** The person hangs up (or declines a ringing outbound call: busy). */
  hangup(id: string): PhoneResult {
    const call = this.calls.get(id);
    if (!call) return notFound(id);
    if (call.state === 'ended' || call.state === 'failed') return conflict(`The call has already ${call.state}.`);
    const settle = this.ringing.get(id);
    if (settle) {
      this.update(call, (c) => {
        c.state = 'ended';
        c.endedAt = this.stamp();
        c.endReason = 'declined';
        c.sipResponseCode = '486';
      });
      settle('declined');
      return { ok: true, call };
    }
    this.update(call, (c) => {
      c.state = 'ended';
      c.endedAt = this.stamp();
      c.endReason = 'hung-up';
    });
    this.farEnd?.hungUp(call);
    return { ok: true, call };
  }

  /** The person presses keys during an answered call. */
  pressDigits(id: string, digits: string): PhoneResult {
    const call = this.calls.get(id);
    if (!call) return notFound(id);
    if (call.state !== 'active')
      return conflict(`Keys reach the other end only on an active call; this one is ${call.state}.`);
    this.update(call, (c) => c.digitsSent.push({ at: this.stamp(), digits }));
    this.farEnd?.digits(call, digits);
    return { ok: true, call };
  }
}

const notFound = (id: string): PhoneResult => ({
  ok: false,
  status: 404,
  code: 'not_found',
  message: `The virtual phone has no call ${id}.`,
});
const conflict = (message: string): PhoneResult => ({ ok: false, status: 409, code: 'invalid_state', message });
