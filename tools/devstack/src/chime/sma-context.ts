/** What an action runner gets from the driver for one action on one transaction. */
import type { S3Client } from '@aws-sdk/client-s3';
import type { MeetingDirectory, VoiceDirectory } from './ports.ts';
import type { PstnCall, PstnCalls } from './pstn-calls.ts';
import type { SmaClock } from './sma-clock.ts';
import type { DigitQueue } from './sma-digits.ts';
import type { ActionOutcome, Leg, SmaAction, Transaction } from './sma-types.ts';

export interface DriverTiming {
  /** Hang up an inbound call the Lambda has given no action 30 s after NEW_INBOUND_CALL. */
  noActionHangupMs: number;
  /** How long the virtual phone rings for a CreateSipMediaApplicationCall before no-answer. */
  outboundRingMs: number;
  /** RecordAudio without DurationInSeconds stops after this long. */
  maxRecordingMs: number;
}

export const DRIVER_TIMING: DriverTiming = {
  noActionHangupMs: 30_000,
  outboundRingMs: 60_000,
  maxRecordingMs: 3_600_000,
};

export interface ActionContext {
  tx: Transaction;
  clock: SmaClock;
  timing: DriverTiming;
  s3: S3Client;
  phone: PstnCalls;
  meetings: MeetingDirectory;
  voice: VoiceDirectory;
  publicOrigin(): string;
  /** Aborted when the action must stop: interrupted (interruptible actions only) or its leg hung up. */
  signal: AbortSignal;
  /** Why `signal` aborted. */
  abortReason(): 'update' | 'hangup' | undefined;
  /** The virtual phone's call behind a PSTN leg. */
  phoneCall(leg: Leg): PstnCall | undefined;
  /** Receives the digits pressed on `leg` while the action runs; call the returned function to stop. */
  digits(leg: Leg): { queue: DigitQueue; stop(): void };
  /** Starts (or replaces) the ReceiveDigits listener of `leg`. */
  listen(leg: Leg, action: SmaAction): void;
  /** Hangs up a leg the way the Hangup action does (and reports it). */
  hangupLeg(leg: Leg, sipResponseCode: string): Promise<ActionOutcome>;
  /** The next recording number of the transaction (file names). */
  nextRecording(): number;
}
