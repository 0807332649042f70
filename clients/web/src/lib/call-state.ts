import type { Call, CallMediaKind, EndReason } from './call-model.ts';
import type { CallMedia } from './media/call-media.ts';
import type { CallKind, Money, QuoteReason, Rate } from './phone-model.ts';

/** The call store's state (its own module, so the call log's helpers can share it without a cycle). */

/** A phone call's far end as this device knows it (the price once the call says it). */
export interface PhoneSide {
  /** the far end's number, E.164 */
  number: string;
  /** its country (outgoing), or my Parley number's (incoming) */
  country?: string;
  /** a contact's name when the number is theirs */
  callerName?: string;
  /** incoming: my Parley number it was dialled on */
  to?: string;
  rate?: Rate;
}

/** A call ringing this device (from a person in the app, or a phone dialling my number). */
export interface Ring {
  callId: string;
  /** a user id, or the phone's number */
  callerId: string;
  callerName?: string;
  media: CallMediaKind;
  startedAt: string;
  ringUntil: string;
  /** phone calls only */
  phone?: PhoneSide;
}

export type CallPhase = 'outgoing' | 'connecting' | 'active' | 'ended';

/** The call this device is in (or just left). */
export interface CurrentCall {
  /** undefined while the call is being placed */
  callId?: string;
  /** `app` when undefined */
  kind?: CallKind;
  phase: CallPhase;
  /** a user id, or the phone's number */
  peerId: string;
  peerName?: string;
  media: CallMediaKind;
  direction: 'outgoing' | 'incoming';
  answeredAt?: string;
  endedAt?: string;
  endReason?: EndReason;
  durationSeconds?: number;
  /** an API error code when placing or answering failed (`user_not_found`, `network`, …) */
  error?: string;
  /** why the fraud guard refused a phone call (with error `call_not_allowed`) */
  refusal?: QuoteReason;
  /** the engine carrying this call, once joined */
  engine?: CallMedia;
  /** phone calls only: the far end and its price */
  phone?: PhoneSide;
  /** an ended phone call's price, as billed */
  cost?: Money;
}

export interface CallLogState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  items: Call[];
  nextBefore?: string;
  loadingMore: boolean;
  unseenMissedCount: number;
}

export interface CallsState {
  rings: Ring[];
  current?: CurrentCall;
  log: CallLogState;
  /** set when this device lost an answer race (another device answered first) */
  notice?: 'answered-elsewhere';
}
