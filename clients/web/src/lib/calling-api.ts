import type { ApiClient } from './api-client.ts';
import {
  type Call,
  type CallLogPage,
  type CallMediaKind,
  type CallSettings,
  type Join,
  readCall,
  readCallLogPage,
  readCallSettings,
  readJoin,
} from './call-model.ts';
import { type Quote, readQuote } from './phone-model.ts';

/** A call with what this device needs to join its media. */
export interface CallWithJoin {
  call: Call;
  join: Join;
}

/** The calling routes the client uses (a port, like `messaging-api.ts`): JSON in, the client's types out. */
export interface CallingApi {
  /** rings `userId`; when they were already ringing me, that call is answered and returned (glare) */
  start(userId: string, media: CallMediaKind): Promise<CallWithJoin>;
  /** calls a phone (audio only); 422 `call_not_allowed` with `details.reason` when the guard refuses */
  dial(e164: string): Promise<CallWithJoin>;
  /** the price per minute of calling `e164`, or why it may not be dialled (nothing is dialled) */
  quote(e164: string): Promise<Quote>;
  /** tones to the phone on a call (1–32 of 0-9 * #); 409 `call_not_active` */
  dtmf(callId: string, digits: string): Promise<void>;
  /** 409 `call_not_ringing` when another device answered first or it ended */
  answer(callId: string, media?: CallMediaKind): Promise<CallWithJoin>;
  decline(callId: string): Promise<Call>;
  /** either side: cancels a call still ringing, ends an active one */
  hangup(callId: string): Promise<Call>;
  get(callId: string): Promise<Call>;
  list(options?: { before?: string; limit?: number }): Promise<CallLogPage>;
  markSeen(): Promise<void>;
  getSettings(): Promise<CallSettings>;
  putSettings(settings: CallSettings): Promise<CallSettings>;
}

function callOf(body: unknown): Call {
  const call = readCall((body as { call?: unknown } | undefined)?.call);
  if (!call) throw new Error('The calling service sent no call');
  return call;
}

function withJoin(body: unknown): CallWithJoin {
  const join = readJoin((body as { join?: unknown } | undefined)?.join);
  if (!join) throw new Error('The calling service sent no join');
  return { call: callOf(body), join };
}

export function callingApi(api: ApiClient): CallingApi {
  const path = (callId: string, action = '') => `/calling/calls/${encodeURIComponent(callId)}${action}`;
  return {
    async start(userId, media) {
      return withJoin(await api.request('POST', '/calling/calls', { body: { to: { userId }, media } }));
    },
    async dial(e164) {
      return withJoin(
        await api.request('POST', '/calling/calls', { body: { to: { phoneNumber: e164 }, media: 'audio' } }),
      );
    },
    async quote(e164) {
      const quote = readQuote(await api.request('GET', '/calling/quote', { query: { to: e164 } }));
      if (!quote) throw new Error('The calling service sent no quote');
      return quote;
    },
    async dtmf(callId, digits) {
      await api.request('POST', path(callId, '/dtmf'), { body: { digits } });
    },
    async answer(callId, media) {
      return withJoin(await api.request('POST', path(callId, '/answer'), { body: media ? { media } : {} }));
    },
    async decline(callId) {
      return callOf(await api.request('POST', path(callId, '/decline')));
    },
    async hangup(callId) {
      return callOf(await api.request('POST', path(callId, '/hangup')));
    },
    async get(callId) {
      return callOf(await api.request('GET', path(callId)));
    },
    async list(options = {}) {
      const query = { before: options.before, limit: options.limit };
      return readCallLogPage(await api.request('GET', '/calling/calls', { query }));
    },
    async markSeen() {
      await api.request('POST', '/calling/calls/seen');
    },
    async getSettings() {
      return readCallSettings(await api.request('GET', '/calling/settings'));
    },
    async putSettings(settings) {
      return readCallSettings(await api.request('PUT', '/calling/settings', { body: settings }));
    },
  };
}
