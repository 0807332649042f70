/**
 * One SMA transaction at work: the events it sends, the actions it runs in order, and what comes
 * in from outside while it runs (UpdateSipMediaApplicationCall, a far end hanging up, a
 * ReceiveDigits match). Inputs are handled between actions; a hang-up stops the action on its
 * leg at once, an update stops PlayAudio/RecordAudio/Pause only (ACTION_INTERRUPTED first).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { LambdaInvoker, MeetingDirectory, VoiceDirectory } from './ports.ts';
import type { PstnCalls } from './pstn-calls.ts';
import { MEDIA_RUNNERS } from './sma-actions.ts';
import type { SmaClock } from './sma-clock.ts';
import type { ActionContext, DriverTiming } from './sma-context.ts';
import { DigitListener, DigitQueue } from './sma-digits.ts';
import { actionData, buildEvent, hangupData } from './sma-events.ts';
import { type InvokeTiming, invokeWithRetries } from './sma-invoke.ts';
import { LEG_RUNNERS } from './sma-legs.ts';
import {
  type ActionOutcome,
  INTERRUPTIBLE,
  type InvocationEventType,
  type Leg,
  MID_LIST_SUCCESS,
  type SmaAction,
  type Transaction,
} from './sma-types.ts';
import { intOf, validateResponse } from './sma-validate.ts';

/** What every transaction shares (built once by the driver). */
export interface RunDeps {
  voice: VoiceDirectory;
  meetings: MeetingDirectory;
  invoke: LambdaInvoker;
  s3: S3Client;
  phone: PstnCalls;
  publicOrigin: () => string;
  clock: SmaClock;
  timing: DriverTiming;
  invokeTiming: InvokeTiming;
  log: (line: string) => void;
}

export type RunInput =
  | { kind: 'update'; args: Record<string, string> }
  | { kind: 'hangup'; leg: Leg }
  | { kind: 'digits'; leg: Leg; action: SmaAction; digits: string }
  | { kind: 'no-action-timeout' };

/** 'run': actions are executed; 'attributes': only TransactionAttributes kept; 'ignore': response ignored. */
export type InvokeMode = 'run' | 'attributes' | 'ignore';

interface Current {
  controller: AbortController;
  interruptible: boolean;
  leg: Leg;
  reason?: 'update' | 'hangup';
}

const MAX_INVOCATIONS = 1000;

export class CallRun {
  readonly tx: Transaction;
  /** Aborted when the transaction ends (timers and ringing stop). */
  readonly stop = new AbortController();
  private readonly deps: RunDeps;
  private readonly onEnd: () => void;
  private queue: SmaAction[] = [];
  private readonly inbox: RunInput[] = [];
  private current: Current | undefined;
  private wake: (() => void) | undefined;
  /** The leg that caused the latest invocation: the default target of an action without CallId/ParticipantTag. */
  private invoking: Leg;
  private readonly collectors = new Map<string, Set<DigitQueue>>();
  private readonly listeners = new Map<string, DigitListener>();
  private invocations = 0;
  private recordings = 0;

  constructor(deps: RunDeps, tx: Transaction, onEnd: () => void) {
    this.deps = deps;
    this.tx = tx;
    this.onEnd = onEnd;
    this.invoking = tx.legs[0] as Leg;
  }

  /** Hands an input to the transaction; stops the running action when the input cuts it short. */
  post(input: RunInput): void {
    if (this.tx.ended) return;
    this.inbox.push(input);
    const current = this.current;
    if (current && !current.controller.signal.aborted) {
      const ownLeg = input.kind === 'hangup' ? input.leg === current.leg : input.kind === 'no-action-timeout';
      if (ownLeg) current.reason = 'hangup';
      else if (input.kind === 'update' && current.interruptible) current.reason = 'update';
      if (current.reason) current.controller.abort();
    }
    this.wake?.();
  }

  /** Runs inputs and actions until the transaction ends. */
  async loop(): Promise<void> {
    while (!this.tx.ended) {
      const input = this.inbox.shift();
      if (input) await this.handle(input);
      else {
        const action = this.queue.shift();
        if (action) await this.runAction(action);
        else await new Promise<void>((resolve) => (this.wake = resolve));
      }
    }
  }

  /** DTMF from the far end of `leg`: to the running action's queues; to the ReceiveDigits listener unless a GetDigits takes them. */
  pushDigits(leg: Leg, digits: string): void {
    for (const digit of digits) {
      const collectors = [...(this.collectors.get(leg.callId) ?? [])];
      for (const queue of collectors) queue.push(digit);
      if (!collectors.some((q) => q.consumes)) this.listeners.get(leg.callId)?.push(digit);
    }
  }

  private async handle(input: RunInput): Promise<void> {
    const { tx } = this;
    if (input.kind === 'update') {
      this.invoking = tx.legs.find((l) => l.tag === 'LEG-A') ?? this.invoking;
      const data = { Type: 'CallUpdateRequest', Parameters: { Arguments: input.args } };
      return this.invoke('CALL_UPDATE_REQUESTED', { actionData: data });
    }
    if (input.kind === 'digits') {
      this.invoking = input.leg;
      const data = { Type: 'ReceiveDigits', Parameters: input.action.Parameters, ReceivedDigits: input.digits };
      return this.invoke('DIGITS_RECEIVED', { actionData: data });
    }
    if (input.kind === 'no-action-timeout') {
      const legA = tx.legs[0] as Leg;
      if (tx.answered || legA.status !== 'Connected') return;
      this.disconnect(legA, 'no-answer', '480');
      await this.invoke('HANGUP', { actionData: hangupData(legA, '480') }, 'ignore');
      return this.end('480', 'no-answer');
    }
    this.invoking = input.leg;
    const single = tx.legs.length === 1 || !tx.legs.some((l) => l.status === 'Connected');
    await this.invoke('HANGUP', { actionData: hangupData(input.leg, '0') }, single ? 'ignore' : 'run');
    if (single) this.end('0', 'hung-up');
  }

  private targetLeg(action: SmaAction): Leg | undefined {
    const p = action.Parameters;
    if (typeof p.CallId === 'string') return this.tx.legs.find((l) => l.callId === p.CallId);
    if (typeof p.ParticipantTag === 'string') return this.tx.legs.find((l) => l.tag === p.ParticipantTag);
    return this.invoking;
  }

  private async runAction(action: SmaAction): Promise<void> {
    const { tx, deps } = this;
    const leg = this.targetLeg(action);
    if (leg?.status !== 'Connected') {
      this.queue = [];
      const extras = {
        ErrorType: 'InvalidActionParameter',
        ErrorMessage: 'CallId or ParticipantTag parameter for action is invalid',
      };
      return this.invoke('ACTION_FAILED', { actionData: actionData(action, extras) });
    }
    const phoneCall = leg.phoneCallId ? deps.phone.get(leg.phoneCallId) : undefined;
    if (phoneCall) deps.phone.note(phoneCall, 'actions', { type: action.Type, parameters: action.Parameters });
    if (action.Type !== 'Hangup' && !tx.answered) {
      // Chime answers an inbound call with its first action that is not Hangup.
      tx.answered = true;
      if (phoneCall) deps.phone.markActive(phoneCall);
    }
    const current: Current = { controller: new AbortController(), interruptible: INTERRUPTIBLE.has(action.Type), leg };
    this.current = current;
    const runner = MEDIA_RUNNERS[action.Type] ?? LEG_RUNNERS[action.Type];
    let outcome: ActionOutcome;
    try {
      outcome = runner
        ? await runner(this.context(current), action, leg)
        : { kind: 'failed', errorType: 'SystemException', message: `${action.Type} is not emulated.` };
    } catch (err) {
      outcome = { kind: 'failed', errorType: 'SystemException', message: (err as Error).message };
    }
    this.current = undefined;
    if (tx.ended) return;
    if (current.reason === 'update' && outcome.kind === 'interrupted')
      return this.invoke('ACTION_INTERRUPTED', { actionData: actionData(action) }, 'ignore');
    if (outcome.kind === 'interrupted' || outcome.kind === 'reported') return;
    this.invoking = leg;
    if (outcome.kind === 'failed') {
      this.queue = [];
      const extras = { ErrorType: outcome.errorType, ErrorMessage: outcome.message, ...outcome.extras };
      return this.invoke('ACTION_FAILED', { actionData: actionData(action, extras) });
    }
    if (MID_LIST_SUCCESS.has(action.Type) || this.queue.length === 0)
      await this.invoke('ACTION_SUCCESSFUL', { actionData: actionData(action, outcome.extras) });
  }

  private context(current: Current): ActionContext {
    const { deps } = this;
    return {
      tx: this.tx,
      clock: deps.clock,
      timing: deps.timing,
      s3: deps.s3,
      phone: deps.phone,
      meetings: deps.meetings,
      voice: deps.voice,
      publicOrigin: deps.publicOrigin,
      signal: current.controller.signal,
      abortReason: () => current.reason,
      phoneCall: (leg) => (leg.phoneCallId ? deps.phone.get(leg.phoneCallId) : undefined),
      digits: (leg) => {
        const queue = new DigitQueue();
        const set = this.collectors.get(leg.callId) ?? new Set();
        this.collectors.set(leg.callId, set.add(queue));
        return { queue, stop: () => set.delete(queue) };
      },
      listen: (leg, action) => {
        this.listeners.get(leg.callId)?.stop();
        const p = action.Parameters;
        const options = {
          regex: String(p.InputDigitsRegex),
          inBetweenMs: intOf(p.InBetweenDigitsDurationInMilliseconds) ?? 1000,
          flushMs: intOf(p.FlushDigitsDurationInMilliseconds) ?? 10_000,
        };
        const listener = new DigitListener(deps.clock, options, (digits) =>
          this.post({ kind: 'digits', leg, action, digits }),
        );
        this.listeners.set(leg.callId, listener);
      },
      hangupLeg: (leg, code) => this.hangupByApp(leg, code),
      nextRecording: () => ++this.recordings,
    };
  }

  /** The Hangup action: HANGUP (ignored when no leg is left, run otherwise); a meeting leg gives ACTION_SUCCESSFUL. */
  private async hangupByApp(leg: Leg, code: string): Promise<ActionOutcome> {
    this.disconnect(leg, 'remote-hung-up', code);
    const left = this.tx.legs.some((l) => l.status === 'Connected');
    if (left && leg.kind === 'meeting') return { kind: 'done' };
    this.invoking = leg;
    await this.invoke('HANGUP', { actionData: hangupData(leg, code) }, left ? 'run' : 'ignore');
    if (!left) this.end(code, 'remote-hung-up');
    return { kind: 'reported' };
  }

  /** Sends the next event and applies the response (validated; invalid → INVALID_LAMBDA_RESPONSE). */
  async invoke(
    type: InvocationEventType,
    extra: Parameters<typeof buildEvent>[2] = {},
    mode: InvokeMode = 'run',
  ): Promise<void> {
    const { tx, deps } = this;
    if (tx.ended) return;
    if (++this.invocations > MAX_INVOCATIONS) return this.end('480', 'unavailable');
    const event = buildEvent(tx, type, extra);
    const result = await invokeWithRetries(deps.invoke, tx.sma.lambdaArn, event, deps.clock, deps.invokeTiming);
    if (tx.ended) return;
    if (!result.ok) {
      deps.log(`SMA ${type} #${event.Sequence} of ${tx.id}: ${result.message}; the call ends with 480`);
      return this.end('480', 'unavailable');
    }
    if (mode === 'ignore') return;
    const checked = validateResponse(result.payload);
    if (!checked.ok) {
      deps.log(
        `SMA ${type} #${event.Sequence} of ${tx.id}: invalid response (${checked.errorType}: ${checked.message})`,
      );
      if (mode === 'attributes') return;
      // An invalid answer to INVALID_LAMBDA_RESPONSE is not reported again (that would loop): it runs
      // nothing, as an empty list would; the call goes on (and an unanswered one meets the 30 s rule).
      if (type === 'INVALID_LAMBDA_RESPONSE') return;
      return this.invoke('INVALID_LAMBDA_RESPONSE', { errorType: checked.errorType, errorMessage: checked.message });
    }
    const { actions, attributes } = checked.response;
    if (attributes !== undefined) tx.attributes = Object.keys(attributes).length ? { ...attributes } : undefined;
    if (mode === 'run' && actions?.length) this.queue = [...actions];
  }

  /** Drops one leg: its digits stop, the virtual phone or the meeting is told. */
  disconnect(leg: Leg, reason: string, code: string): void {
    if (leg.status === 'Disconnected') return;
    leg.status = 'Disconnected';
    this.listeners.get(leg.callId)?.stop();
    this.listeners.delete(leg.callId);
    this.collectors.delete(leg.callId);
    const call = leg.phoneCallId ? this.deps.phone.get(leg.phoneCallId) : undefined;
    if (call) this.deps.phone.end(call, reason, code);
    if (leg.kind === 'meeting' && leg.meeting) this.deps.meetings.leave(leg.meeting.meetingId, leg.meeting.attendeeId);
  }

  /** Ends the transaction: every leg dropped, timers stopped, nothing more invoked. */
  end(code: string, reason = 'remote-hung-up'): void {
    if (this.tx.ended) return;
    for (const leg of this.tx.legs) this.disconnect(leg, reason, code);
    this.tx.ended = true;
    this.current?.controller.abort();
    this.stop.abort();
    this.onEnd();
    this.wake?.();
  }
}
