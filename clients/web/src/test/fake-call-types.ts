import type { EndReason } from '../lib/call-model.ts';

/** A call as the fake calling API stores it (app and phone calls alike). */
export interface StoredCall {
  id: string;
  /** `app` when unset */
  kind?: 'app' | 'pstn-in' | 'pstn-out';
  media: 'audio' | 'video';
  state: 'ringing' | 'active' | 'ended';
  endReason?: EndReason;
  callerId: string;
  calleeId: string;
  startedAt: string;
  ringUntil: string;
  answeredAt?: string;
  endedAt?: string;
  durationSeconds?: number;
  seen?: boolean;
  from?: string;
  to?: string;
  phone?: {
    number: string;
    country: string | null;
    callerName?: string;
    ratePerMinute: number;
    currency: 'USD';
    billing: { firstSeconds: number; nextSeconds: number };
    voicemailId?: string;
  };
  cost?: { amount: number; currency: 'USD' };
}
