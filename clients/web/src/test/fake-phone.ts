import { CallInbound, VoicemailLeft } from '@parley/events/calling';
import type { ServerFrame } from '@parley/realtime/frames';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { StoredCall } from './fake-call-types.ts';
import { error, type FakeWorld, json } from './fake-http.ts';
import { eventFrame } from './frames.ts';

/**
 * The phone side of the fake calling API, with the phone-calls contract's shapes: quotes (allowed
 * or refused with a reason), dialling a number (refused numbers never ring), DTMF on an active phone
 * call, voicemail (list, playback URL, heard, delete), call settings with a guarded forward number.
 */

export interface StoredVoicemail {
  id: string;
  ownerId: string;
  callId: string;
  from: string;
  callerName: string;
  to: string;
  country: string;
  durationSeconds: number;
  receivedAt: string;
  heard: boolean;
}

export interface Refusal {
  reason: string;
  message: string;
}

const RATE = 0.02;
const BILLING = { firstSeconds: 60, nextSeconds: 60 };
const countryOf = (e164: string) => parsePhoneNumberFromString(e164)?.country ?? null;

export class FakePhone {
  /** numbers the guard refuses, with why */
  readonly refused = new Map<string, Refusal>();
  /** a rate per number other than the default $0.02 */
  readonly rates = new Map<string, number>();
  /** every DTMF request, in order */
  readonly dtmf: { callId: string; digits: string }[] = [];
  readonly voicemails = new Map<string, StoredVoicemail>();
  readonly settings = new Map<string, Record<string, unknown>>();
  /** set to make quotes, the voicemail list or settings answer 500 */
  failQuote = false;
  failVoicemails = false;
  failSettings = false;
  private readonly world: FakeWorld;
  private readonly calls: Map<string, StoredCall>;

  constructor(world: FakeWorld, calls: Map<string, StoredCall>) {
    this.world = world;
    this.calls = calls;
  }

  quote(to: string) {
    const refusal = this.refused.get(to);
    return {
      to,
      country: countryOf(to),
      numberType: to.startsWith('+1900') ? 'premium' : 'fixed',
      ratePerMinute: this.rates.get(to) ?? RATE,
      currency: 'USD',
      billing: BILLING,
      allowed: !refusal,
      ...(refusal ?? {}),
      remainingMinutesToday: 118,
    };
  }

  /** A phone call from `from` ringing `userId` on their Parley number `to`. */
  inbound(from: string, userId: string, to: string, callerName?: string): StoredCall {
    const startedAt = this.world.now();
    const call: StoredCall = {
      id: `call${this.world.next()}`,
      kind: 'pstn-in',
      media: 'audio',
      state: 'ringing',
      callerId: from,
      calleeId: userId,
      from,
      to,
      startedAt,
      ringUntil: new Date(Date.parse(startedAt) + 30_000).toISOString(),
      phone: {
        number: from,
        country: countryOf(to),
        ...(callerName ? { callerName } : {}),
        ratePerMinute: 0.01,
        currency: 'USD',
        billing: BILLING,
      },
    };
    this.calls.set(call.id, call);
    return call;
  }

  inboundFrame(call: StoredCall): ServerFrame {
    return eventFrame(CallInbound, {
      callId: call.id,
      calleeId: call.calleeId,
      from: call.callerId,
      ...(call.phone?.callerName ? { callerName: call.phone.callerName } : {}),
      to: call.to ?? '',
      country: countryOf(call.to ?? '') ?? 'PA',
      startedAt: call.startedAt,
      ringUntil: call.ringUntil,
    });
  }

  addVoicemail(ownerId: string, from: string, to: string, durationSeconds = 12, callerName = from): StoredVoicemail {
    const voicemail: StoredVoicemail = {
      id: `vm${this.world.next()}`,
      ownerId,
      callId: `call${this.world.next()}`,
      from,
      callerName,
      to,
      country: countryOf(to) ?? 'PA',
      durationSeconds,
      receivedAt: this.world.tick(),
      heard: false,
    };
    this.voicemails.set(voicemail.id, voicemail);
    return voicemail;
  }

  voicemailLeftFrame(v: StoredVoicemail): ServerFrame {
    return eventFrame(VoicemailLeft, {
      voicemailId: v.id,
      callId: v.callId,
      ownerId: v.ownerId,
      from: v.from,
      callerName: v.callerName,
      to: v.to,
      durationSeconds: v.durationSeconds,
      receivedAt: v.receivedAt,
    });
  }

  /** `POST /calling/calls {to:{phoneNumber}}`: a refused number is 422 and rings nothing. */
  // biome-ignore lint/suspicious/noExplicitAny: a test double reads whatever JSON the client sent
  dial(body: any, me: string): Response | StoredCall {
    const to = body?.to?.phoneNumber;
    if (typeof to !== 'string' || !/^\+[1-9]\d{6,14}$/.test(to)) return error(400, 'validation_failed', 'Invalid');
    if (body.media !== 'audio') return error(422, 'video_not_supported', 'Phone calls are audio only');
    const refusal = this.refused.get(to);
    if (refusal) return json(422, { error: { code: 'call_not_allowed', message: refusal.message, details: refusal } });
    const startedAt = this.world.now();
    const quote = this.quote(to);
    const call: StoredCall = {
      id: `call${this.world.next()}`,
      kind: 'pstn-out',
      media: 'audio',
      state: 'ringing',
      callerId: me,
      calleeId: to,
      from: '+50760000000',
      to,
      startedAt,
      ringUntil: new Date(Date.parse(startedAt) + 60_000).toISOString(),
      phone: {
        number: to,
        country: quote.country,
        ratePerMinute: quote.ratePerMinute,
        currency: 'USD',
        billing: BILLING,
      },
    };
    this.calls.set(call.id, call);
    return call;
  }

  /** What an ended phone call cost: started minutes × rate. */
  costOf(call: StoredCall): { amount: number; currency: 'USD' } | undefined {
    if (!call.phone || call.durationSeconds === undefined) return undefined;
    const minutes = Math.ceil(call.durationSeconds / 60);
    return { amount: Math.round(minutes * call.phone.ratePerMinute * 10_000) / 10_000, currency: 'USD' };
  }

  // biome-ignore lint/suspicious/noExplicitAny: as above
  route(method: string, path: string, q: URLSearchParams, body: any, me: string): Response | undefined {
    if (method === 'GET' && path === '/calling/quote') {
      const to = q.get('to') ?? '';
      if (!/^\+[1-9]\d{6,14}$/.test(to)) return error(400, 'validation_failed', 'to must be E.164');
      return this.failQuote ? error(500, 'internal', 'Internal error') : json(200, this.quote(to));
    }
    const dtmf = /^\/calling\/calls\/([^/]+)\/dtmf$/.exec(path);
    if (method === 'POST' && dtmf) {
      const call = this.calls.get(decodeURIComponent(dtmf[1] ?? ''));
      if (!call || (call.callerId !== me && call.calleeId !== me)) return error(404, 'call_not_found', 'No such call');
      if (!call.phone) return error(422, 'not_a_phone_call', 'Not a phone call');
      if (call.state !== 'active') return error(409, 'call_not_active', 'The call is not active');
      this.dtmf.push({ callId: call.id, digits: String(body?.digits) });
      return json(202, {});
    }
    if (path === '/calling/settings') return this.settingsRoute(method, body, me);
    if (path.startsWith('/calling/voicemails')) return this.voicemailRoute(method, path, me);
    return undefined;
  }

  // biome-ignore lint/suspicious/noExplicitAny: as above
  private settingsRoute(method: string, body: any, me: string): Response | undefined {
    if (this.failSettings) return error(500, 'internal', 'Internal error');
    const defaults = { ringTimeoutSeconds: 30, voicemailEnabled: true };
    if (method === 'GET') return json(200, this.settings.get(me) ?? defaults);
    if (method !== 'PUT') return undefined;
    const refusal = body?.forwardToNumber ? this.refused.get(body.forwardToNumber) : undefined;
    if (refusal) return json(422, { error: { code: 'call_not_allowed', message: refusal.message, details: refusal } });
    this.settings.set(me, body);
    return json(200, body);
  }

  private voicemailRoute(method: string, path: string, me: string): Response | undefined {
    const view = ({ ownerId: _owner, ...v }: StoredVoicemail) => v;
    if (method === 'GET' && path === '/calling/voicemails') {
      if (this.failVoicemails) return error(500, 'internal', 'Internal error');
      const mine = [...this.voicemails.values()]
        .filter((v) => v.ownerId === me)
        .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
      return json(200, { items: mine.map(view), unheardCount: mine.filter((v) => !v.heard).length });
    }
    const match = /^\/calling\/voicemails\/([^/]+)(\/heard)?$/.exec(path);
    const v = match ? this.voicemails.get(decodeURIComponent(match[1] ?? '')) : undefined;
    if (!v || v.ownerId !== me) return error(404, 'voicemail_not_found', 'No such voicemail');
    if (method === 'GET' && !match?.[2]) {
      const audioUrl = `http://parley.test/voicemail/${v.id}.wav?X-Amz-Signature=fake`;
      return json(200, { voicemail: view(v), audioUrl, audioUrlExpiresAt: this.world.now() });
    }
    if (method === 'POST' && match?.[2]) {
      v.heard = true;
      return json(200, { voicemail: view(v) });
    }
    if (method === 'DELETE' && !match?.[2]) {
      this.voicemails.delete(v.id);
      return json(204);
    }
    return undefined;
  }
}
