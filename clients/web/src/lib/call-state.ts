import type { Call, CallMediaKind, EndReason } from './call-model.ts';
import type { CallMedia } from './media/call-media.ts';

/** The call store's state (its own module, so the call log's helpers can share it without a cycle). */

/** A call ringing this device. */
export interface Ring {
  callId: string;
  callerId: string;
  callerName?: string;
  media: CallMediaKind;
  startedAt: string;
  ringUntil: string;
}

export type CallPhase = 'outgoing' | 'connecting' | 'active' | 'ended';

/** The call this device is in (or just left). */
export interface CurrentCall {
  /** undefined while the call is being placed */
  callId?: string;
  phase: CallPhase;
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
  /** the engine carrying this call, once joined */
  engine?: CallMedia;
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
