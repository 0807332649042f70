import type { CallInbound, VoicemailLeft } from '@parley/events/calling';
import type { EventData } from '@parley/events/define-event';

/**
 * Phone calls' shapes as the client uses them (the calling contract's `phone`, `cost`, quote and
 * voicemail) and tolerant readers from API JSON and frames: a reader returns undefined for what is
 * not one, so one odd payload never breaks a screen.
 */

export const CallKinds = ['app', 'pstn-in', 'pstn-out'] as const;
export type CallKind = (typeof CallKinds)[number];

/** How a phone call is billed: the first increment, then each next one (seconds). */
export interface Billing {
  firstSeconds: number;
  nextSeconds: number;
}

export interface Money {
  amount: number;
  currency: 'USD';
}

/** What a call is priced at. */
export interface Rate {
  ratePerMinute: number;
  currency: 'USD';
  billing: Billing;
}

/** A phone call's far end and price (`call.phone`). */
export interface PhoneInfo extends Rate {
  /** the far end's number */
  number: string;
  /** its country (pstn-out), or the Parley number's country (pstn-in) */
  country?: string;
  /** pstn-in: a contact's name when the number is theirs */
  callerName?: string;
  forwardedTo?: string;
  voicemailId?: string;
}

export const QuoteReasons = [
  'premium_rate',
  'satellite',
  'country_not_allowed',
  'daily_minutes_cap',
  'daily_spend_cap',
  'monthly_spend_cap',
  'not_dialable',
] as const;
export type QuoteReason = (typeof QuoteReasons)[number];

export const NumberTypes = [
  'fixed',
  'mobile',
  'fixed-or-mobile',
  'premium',
  'satellite',
  'toll-free',
  'shared-cost',
  'other',
] as const;
export type NumberType = (typeof NumberTypes)[number];

/** `GET /calling/quote?to=`: the price per minute, or why the number may not be dialled. */
export interface Quote extends Rate {
  to: string;
  country?: string;
  numberType: NumberType;
  allowed: boolean;
  reason?: QuoteReason;
  message?: string;
  remainingMinutesToday?: number;
}

export interface Voicemail {
  id: string;
  callId: string;
  from: string;
  callerName?: string;
  /** the Parley number it was left on */
  to: string;
  country?: string;
  durationSeconds: number;
  receivedAt: string;
  heard: boolean;
}

export interface VoicemailPage {
  items: Voicemail[];
  nextBefore?: string;
  unheardCount: number;
}

/** A voicemail with a presigned URL of its recording (fetched when the person presses play). */
export interface VoicemailPlayback {
  voicemail: Voicemail;
  audioUrl: string;
  audioUrlExpiresAt?: string;
}

export type InboundFrame = EventData<typeof CallInbound>;
export type VoicemailLeftFrame = EventData<typeof VoicemailLeft>;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const E164 = /^\+[1-9]\d{6,14}$/;
const e164 = (v: unknown): string | undefined => (typeof v === 'string' && E164.test(v) ? v : undefined);
const country = (v: unknown): string | undefined => (typeof v === 'string' && /^[A-Z]{2}$/.test(v) ? v : undefined);

export function readMoney(raw: unknown): Money | undefined {
  if (!isObject(raw)) return undefined;
  const amount = num(raw.amount);
  return amount === undefined || amount < 0 ? undefined : { amount, currency: 'USD' };
}

function readRate(raw: Json): Rate {
  const billing = isObject(raw.billing) ? raw.billing : {};
  const firstSeconds = num(billing.firstSeconds);
  const nextSeconds = num(billing.nextSeconds);
  return {
    ratePerMinute: Math.max(0, num(raw.ratePerMinute) ?? 0),
    currency: 'USD',
    billing: {
      firstSeconds: firstSeconds && firstSeconds > 0 ? firstSeconds : 60,
      nextSeconds: nextSeconds && nextSeconds > 0 ? nextSeconds : 60,
    },
  };
}

export function readPhoneInfo(raw: unknown): PhoneInfo | undefined {
  if (!isObject(raw)) return undefined;
  const number = str(raw.number);
  if (!number) return undefined;
  return {
    number,
    country: country(raw.country),
    callerName: str(raw.callerName),
    ...readRate(raw),
    forwardedTo: str(raw.forwardedTo),
    voicemailId: str(raw.voicemailId),
  };
}

export function readQuote(raw: unknown): Quote | undefined {
  if (!isObject(raw) || typeof raw.allowed !== 'boolean') return undefined;
  const to = str(raw.to);
  if (!to) return undefined;
  return {
    to,
    country: country(raw.country),
    numberType: NumberTypes.find((n) => n === raw.numberType) ?? 'other',
    ...readRate(raw),
    allowed: raw.allowed,
    reason: QuoteReasons.find((r) => r === raw.reason),
    message: str(raw.message),
    remainingMinutesToday: num(raw.remainingMinutesToday),
  };
}

export function readVoicemail(raw: unknown): Voicemail | undefined {
  if (!isObject(raw)) return undefined;
  const id = str(raw.id);
  const from = str(raw.from);
  const receivedAt = str(raw.receivedAt);
  if (!id || !from || !receivedAt) return undefined;
  return {
    id,
    callId: str(raw.callId) ?? '',
    from,
    callerName: str(raw.callerName),
    to: str(raw.to) ?? '',
    country: country(raw.country),
    durationSeconds: Math.max(0, num(raw.durationSeconds) ?? 0),
    receivedAt,
    heard: raw.heard === true,
  };
}

export function readVoicemailPage(raw: unknown): VoicemailPage {
  const body = isObject(raw) ? raw : {};
  const items = Array.isArray(body.items) ? body.items.flatMap((v) => readVoicemail(v) ?? []) : [];
  return { items, nextBefore: str(body.nextBefore), unheardCount: num(body.unheardCount) ?? 0 };
}

export function readPlayback(raw: unknown): VoicemailPlayback | undefined {
  if (!isObject(raw)) return undefined;
  const voicemail = readVoicemail(raw.voicemail);
  const audioUrl = str(raw.audioUrl);
  if (!voicemail || !audioUrl) return undefined;
  return { voicemail, audioUrl, audioUrlExpiresAt: str(raw.audioUrlExpiresAt) };
}

/** `calling.CallInbound` data (a phone dialled my number). */
export function readInbound(data: Json): InboundFrame | undefined {
  const callId = str(data.callId);
  const calleeId = str(data.calleeId);
  const from = e164(data.from);
  const startedAt = str(data.startedAt);
  if (!callId || !calleeId || !from || !startedAt) return undefined;
  return {
    callId,
    calleeId,
    from,
    callerName: str(data.callerName),
    to: e164(data.to) ?? '',
    country: country(data.country) ?? '',
    startedAt,
    ringUntil: str(data.ringUntil) ?? startedAt,
  };
}

/** `calling.VoicemailLeft` data as a list item (unheard; its country is the Parley number's). */
export function readVoicemailLeft(data: Json, countryOf: (e164: string) => string | undefined): Voicemail | undefined {
  const id = str(data.voicemailId);
  const from = str(data.from);
  const receivedAt = str(data.receivedAt);
  if (!id || !from || !receivedAt) return undefined;
  const to = str(data.to) ?? '';
  return {
    id,
    callId: str(data.callId) ?? '',
    from,
    callerName: str(data.callerName),
    to,
    country: to ? countryOf(to) : undefined,
    durationSeconds: Math.max(0, num(data.durationSeconds) ?? 0),
    receivedAt,
    heard: false,
  };
}
