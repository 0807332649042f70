/**
 * devstack's SIP media application: for every call it invokes the SMA's Lambda with SchemaVersion
 * 1.0 events and runs the actions it returns, with the time they take, the way Chime PSTN Audio
 * does (see sma-run.ts for the rules). The far end of a PSTN leg is the virtual phone
 * (pstn-calls.ts); a meeting leg is the meetings emulator. Every duration goes through one clock.
 */
import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type {
  InboundRoute,
  LambdaInvoker,
  MeetingDirectory,
  PstnLegEnded,
  SipMediaApplicationInfo,
  SmaCallControl,
  VoiceDirectory,
} from './ports.ts';
import type { PstnCall, PstnCalls } from './pstn-calls.ts';
import { type SmaClock, scaledClock } from './sma-clock.ts';
import { DRIVER_TIMING, type DriverTiming } from './sma-context.ts';
import { hangupData } from './sma-events.ts';
import { type InvokeTiming, SMA_INVOKE_TIMING } from './sma-invoke.ts';
import { CallRun, type RunDeps } from './sma-run.ts';
import { type Leg, MEETING_DIAL_IN } from './sma-types.ts';

export interface SmaDriverOptions {
  voice: VoiceDirectory;
  meetings: MeetingDirectory;
  invoke: LambdaInvoker;
  s3: S3Client;
  phone: PstnCalls;
  /** The public origin (http://localhost:3000): meeting signaling URLs handed to the virtual phone. */
  publicOrigin: () => string;
  clock?: SmaClock;
  timing?: Partial<DriverTiming>;
  invokeTiming?: Partial<InvokeTiming>;
  log?: (line: string) => void;
}

type CreateCall = Parameters<SmaCallControl['createCall']>[0];

/** The SMA side of every PSTN call on devstack (implements what the voice API hands on). */
export class SmaDriver implements SmaCallControl {
  private readonly runs = new Map<string, CallRun>();
  private readonly deps: RunDeps;
  private readonly unsubscribe: (() => void) | undefined;

  constructor(options: SmaDriverOptions) {
    this.deps = {
      voice: options.voice,
      meetings: options.meetings,
      invoke: options.invoke,
      s3: options.s3,
      phone: options.phone,
      publicOrigin: options.publicOrigin,
      clock: options.clock ?? scaledClock(),
      timing: { ...DRIVER_TIMING, ...options.timing },
      invokeTiming: { ...SMA_INVOKE_TIMING, ...options.invokeTiming },
      log: options.log ?? (() => {}),
    };
    options.phone.farEnd = {
      hungUp: (call) => this.farEndHungUp(call),
      digits: (call, digits) => {
        const found = this.find(call);
        found?.run.pushDigits(found.leg, digits);
      },
    };
    this.unsubscribe = options.meetings.onLegEnded?.((e) => this.meetingLegEnded(e));
  }

  /** A call from the virtual phone reached a SIP rule: NEW_INBOUND_CALL. Returns the TransactionId. */
  startInbound(input: {
    route: InboundRoute;
    from: string;
    to: string;
    sipHeaders?: Record<string, string>;
    call: PstnCall;
  }): string {
    const legA = this.leg('LEG-A', input.to, input.from, 'Inbound', 'Connected');
    legA.phoneCallId = input.call.id;
    if (input.sipHeaders) legA.sipHeaders = input.sipHeaders;
    const run = this.newRun(input.route.sipMediaApplication, legA, input.route.sipRuleId);
    this.deps.phone.update(input.call, (c) => {
      c.transactionId = run.tx.id;
    });
    void this.deps.clock.sleep(this.deps.timing.noActionHangupMs, run.stop.signal).then((elapsed) => {
      if (elapsed && !run.tx.answered) run.post({ kind: 'no-action-timeout' });
    });
    this.spawn(run, async () => {
      await run.invoke('NEW_INBOUND_CALL');
      await run.loop();
    });
    return run.tx.id;
  }

  createCall(input: CreateCall): { transactionId: string } {
    const sma = this.deps.voice.sipMediaApplication(input.sipMediaApplicationId);
    if (!sma) throw new Error(`No SIP media application ${input.sipMediaApplicationId}.`);
    const legA = this.leg('LEG-A', input.toPhoneNumber, input.fromPhoneNumber, 'Outbound', undefined);
    const run = this.newRun(sma, legA);
    this.spawn(run, () => this.outbound(run, legA, input));
    return { transactionId: run.tx.id };
  }

  updateCall(input: {
    sipMediaApplicationId: string;
    transactionId: string;
    arguments: Record<string, string>;
  }): boolean {
    const run = this.runs.get(input.transactionId);
    if (!run || run.tx.ended || run.tx.sma.sipMediaApplicationId !== input.sipMediaApplicationId) return false;
    run.post({ kind: 'update', args: { ...input.arguments } });
    return true;
  }

  /** Ends every call without invoking anything more (devstack is stopping). */
  close(): void {
    this.unsubscribe?.();
    for (const run of [...this.runs.values()]) run.end('0', 'cancelled');
  }

  private leg(tag: Leg['tag'], to: string, from: string, direction: Leg['direction'], status: Leg['status']): Leg {
    return { callId: randomUUID(), tag, to, from, direction, startedAt: this.deps.clock.now(), status, kind: 'pstn' };
  }

  private newRun(sma: SipMediaApplicationInfo, legA: Leg, sipRuleId?: string): CallRun {
    const id = randomUUID();
    const tx = { id, sma, sequence: 0, attributes: undefined, legs: [legA], answered: false, ended: false };
    const run = new CallRun(this.deps, sipRuleId ? { ...tx, sipRuleId } : tx, () => this.runs.delete(id));
    this.runs.set(id, run);
    return run;
  }

  private spawn(run: CallRun, body: () => Promise<void>): void {
    body().catch((err: unknown) => {
      this.deps.log(`SMA transaction ${run.tx.id} failed: ${(err as Error).stack ?? String(err)}`);
      run.end('480', 'unavailable');
    });
  }

  /** NEW_OUTBOUND_CALL → RINGING → CALL_ANSWERED, or HANGUP (486 busy, 480 no answer) without CALL_ANSWERED. */
  private async outbound(run: CallRun, legA: Leg, input: CreateCall): Promise<void> {
    const { phone, meetings } = this.deps;
    const created = { Type: 'CallCreateRequest', Parameters: { Arguments: { ...(input.argumentsMap ?? {}) } } };
    await run.invoke('NEW_OUTBOUND_CALL', { actionData: created }, 'attributes');
    if (run.tx.ended) return;
    let outcome: string;
    if (input.toPhoneNumber === MEETING_DIAL_IN) {
      await run.invoke('RINGING', {}, 'ignore');
      const headers = Object.fromEntries(Object.entries(input.sipHeaders ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      const meetingId = headers['x-chime-meeting-id'];
      const joinToken = headers['x-chime-join-token'];
      // +17035550122 without a valid join token answers busy, as it does when a phone dials it.
      const joined = meetingId && joinToken ? meetings.joinWithToken(meetingId, joinToken) : undefined;
      outcome = joined?.ok ? 'answered' : 'declined';
      if (joined?.ok && meetingId && joinToken) {
        legA.kind = 'meeting';
        legA.meeting = { meetingId, attendeeId: joined.attendeeId, joinToken };
      }
    } else {
      const call = phone.open({ direction: 'outbound', from: input.fromPhoneNumber, to: input.toPhoneNumber });
      phone.update(call, (c) => {
        c.transactionId = run.tx.id;
      });
      legA.phoneCallId = call.id;
      const ringing = phone.ring(call, this.deps.timing.outboundRingMs, run.stop.signal);
      await run.invoke('RINGING', {}, 'ignore');
      outcome = await ringing;
    }
    if (run.tx.ended) return;
    if (outcome !== 'answered') {
      const code = outcome === 'declined' ? '486' : '480';
      legA.status = 'Disconnected';
      await run.invoke('HANGUP', { actionData: hangupData(legA, code) }, 'ignore');
      return run.end(code, outcome);
    }
    legA.status = 'Connected';
    run.tx.answered = true;
    await run.invoke('CALL_ANSWERED');
    await run.loop();
  }

  private find(call: PstnCall): { run: CallRun; leg: Leg } | undefined {
    for (const run of this.runs.values()) {
      const leg = run.tx.legs.find((l) => l.phoneCallId === call.id);
      if (leg) return { run, leg };
    }
    return undefined;
  }

  private farEndHungUp(call: PstnCall): void {
    const found = this.find(call);
    if (found?.leg.status !== 'Connected') return;
    found.run.disconnect(found.leg, 'hung-up', '0');
    found.run.post({ kind: 'hangup', leg: found.leg });
  }

  /** The meeting, or the attendee a PSTN leg joined as, went away: that leg hangs up. */
  private meetingLegEnded(e: PstnLegEnded): void {
    for (const run of this.runs.values())
      for (const leg of run.tx.legs)
        if (
          leg.kind === 'meeting' &&
          leg.status === 'Connected' &&
          leg.meeting?.meetingId === e.meetingId &&
          leg.meeting.attendeeId === e.attendeeId
        ) {
          leg.status = 'Disconnected';
          run.post({ kind: 'hangup', leg });
        }
  }
}
