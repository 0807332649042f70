import type { CallDeps } from '../calls.ts';
import type { MonthlySpend } from '../monthly-spend.ts';
import type { CallAudio, NumberOwners, PresenceStore, VoicemailRepository } from '../ports.ts';

/** What the SIP media application's use cases need: the call use cases' ports plus numbers, audio and voicemail. */
export interface SmaDeps extends CallDeps {
  /** the person's month total (the toll-fraud guard's monthly cap on a forward) */
  spend: MonthlySpend;
  numberOwners: Pick<NumberOwners, 'ownerOf'>;
  presence: Pick<PresenceStore, 'statusOf'>;
  audio: CallAudio;
  voicemails: VoicemailRepository;
}

/** The per-call state kept in TransactionAttributes (strings only; always returned whole). */
export interface CallAttributes extends Record<string, string | undefined> {
  callId?: string;
  /** `in`: a phone dialled a Parley number; `out`: Parley dialled a phone */
  dir?: 'in' | 'out';
  /** ringing → joining → connected, or ringing → voicemail → done */
  stage?: 'ringing' | 'joining' | 'connected' | 'forwarding' | 'voicemail' | 'done';
  meetingId?: string;
  joinToken?: string;
  voicemailId?: string;
}

export const attributesOf = (stored: Record<string, string> | undefined): CallAttributes => ({ ...(stored ?? {}) });

/** The map to return: string values only, undefined keys dropped. */
export const attributeMap = (attributes: CallAttributes): Record<string, string> =>
  Object.fromEntries(Object.entries(attributes).filter((e): e is [string, string] => typeof e[1] === 'string'));
