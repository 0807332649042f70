import { CallAnswered, CallEnded, CallRinging } from '@parley/events/calling';
import type { ServerFrame } from '@parley/realtime/frames';
import type { EndReason } from '../lib/call-model.ts';
import type { StoredCall } from './fake-call-types.ts';
import { error, type FakeWorld, json } from './fake-http.ts';
import { FakePhone } from './fake-phone.ts';
import { eventFrame } from './frames.ts';

/**
 * The calling routes of the fake API, with the calls contract's shapes: place (with glare), answer
 * (one winner: a second answer is 409 `call_not_ringing`), decline, hangup, the log with the
 * unseen-missed count, seen. Each call gets a meeting whose SignalingUrl is a devstack relay URL.
 */

export type { StoredCall } from './fake-call-types.ts';

const RING_MS = 30_000;

export class FakeCalling {
  readonly calls = new Map<string, StoredCall>();
  /** set to make `GET /calling/calls` answer 500 */
  failList = false;
  /** phone calls: quotes, dialling, DTMF, voicemail, settings */
  readonly phone: FakePhone;
  private readonly world: FakeWorld;
  private readonly names: (userId: string) => string | undefined;

  constructor(world: FakeWorld, names: (userId: string) => string | undefined) {
    this.world = world;
    this.names = names;
    this.phone = new FakePhone(world, this.calls);
  }

  /** Stores a ringing call, as if `callerId` had placed it. */
  place(callerId: string, calleeId: string, media: 'audio' | 'video' = 'audio'): StoredCall {
    const startedAt = this.world.now();
    const call: StoredCall = {
      id: `call${this.world.next()}`,
      media,
      state: 'ringing',
      callerId,
      calleeId,
      startedAt,
      ringUntil: new Date(Date.parse(startedAt) + RING_MS).toISOString(),
    };
    this.calls.set(call.id, call);
    return call;
  }

  /** Ends a call as the server would (missed at the ring timeout, declined, hung up). */
  end(call: StoredCall, endReason: EndReason, durationSeconds?: number): StoredCall {
    Object.assign(call, { state: 'ended', endReason, endedAt: this.world.tick(), durationSeconds });
    if (endReason === 'missed') call.seen = false;
    const cost = this.phone.costOf(call);
    if (cost) call.cost = cost;
    return call;
  }

  ringingFrame(call: StoredCall): ServerFrame {
    return eventFrame(CallRinging, {
      callId: call.id,
      callerId: call.callerId,
      callerName: this.names(call.callerId) ?? 'Someone',
      calleeId: call.calleeId,
      media: call.media,
      startedAt: call.startedAt,
      ringUntil: call.ringUntil,
    });
  }

  answeredFrame(call: StoredCall): ServerFrame {
    return eventFrame(CallAnswered, {
      callId: call.id,
      answeredAt: call.answeredAt ?? this.world.now(),
      media: call.media,
    });
  }

  endedFrame(call: StoredCall): ServerFrame {
    return eventFrame(CallEnded, {
      callId: call.id,
      endReason: call.endReason ?? 'completed',
      endedAt: call.endedAt ?? this.world.now(),
      ...(call.durationSeconds === undefined ? {} : { durationSeconds: call.durationSeconds }),
      ...(call.cost ? { cost: call.cost } : {}),
    });
  }

  // biome-ignore lint/suspicious/noExplicitAny: a test double reads whatever JSON the client sent
  route(method: string, path: string, q: URLSearchParams, body: any, me: string): Response | undefined {
    if (!path.startsWith('/calling/')) return undefined;
    const phone = this.phone.route(method, path, q, body, me);
    if (phone) return phone;
    if (method === 'POST' && path === '/calling/calls') return this.start(body, me);
    if (method === 'GET' && path === '/calling/calls') return this.list(q, me);
    if (method === 'POST' && path === '/calling/calls/seen') {
      for (const c of this.calls.values()) if (c.calleeId === me && c.endReason === 'missed') c.seen = true;
      return json(204);
    }
    const match = /^\/calling\/calls\/([^/]+)(?:\/(answer|decline|hangup))?$/.exec(path);
    const call = match ? this.calls.get(decodeURIComponent(match[1] ?? '')) : undefined;
    if (!call || (call.callerId !== me && call.calleeId !== me)) return error(404, 'call_not_found', 'No such call');
    const action = match?.[2];
    if (method === 'GET' && !action) return json(200, { call: this.view(call, me) });
    if (method !== 'POST') return undefined;
    if (action === 'answer') {
      if (call.state !== 'ringing' || call.calleeId !== me) return error(409, 'call_not_ringing', 'Not ringing');
      Object.assign(call, { state: 'active', answeredAt: this.world.tick(), media: body?.media ?? call.media });
      return json(200, { call: this.view(call, me), join: this.join(call, me) });
    }
    if (action === 'decline') {
      if (call.state === 'ringing' && call.calleeId === me) this.end(call, 'declined');
      return json(200, { call: this.view(call, me) });
    }
    if (action === 'hangup') {
      if (call.state === 'ringing') this.end(call, call.callerId === me ? 'cancelled' : 'declined');
      else if (call.state === 'active') {
        const seconds = Math.max(
          0,
          Math.round((Date.parse(this.world.now()) - Date.parse(call.answeredAt ?? call.startedAt)) / 1000),
        );
        this.end(call, 'completed', seconds);
      }
      return json(200, { call: this.view(call, me) });
    }
    return undefined;
  }

  // biome-ignore lint/suspicious/noExplicitAny: as above
  private start(body: any, me: string): Response {
    if (body?.to?.phoneNumber !== undefined) {
      const dialled = this.phone.dial(body, me);
      if (dialled instanceof Response) return dialled;
      return json(201, { call: this.view(dialled, me), join: this.join(dialled, me) });
    }
    const to = body?.to?.userId;
    if (body?.media !== 'audio' && body?.media !== 'video') return error(400, 'validation_failed', 'Invalid request');
    if (to === me) return error(422, 'cannot_call_yourself', 'You cannot call yourself');
    if (!this.names(to)) return error(404, 'user_not_found', 'No such user');
    const glare = [...this.calls.values()].find((c) => c.state === 'ringing' && c.callerId === to && c.calleeId === me);
    if (glare) {
      Object.assign(glare, { state: 'active', answeredAt: this.world.tick() });
      return json(200, { call: this.view(glare, me), join: this.join(glare, me) });
    }
    const call = this.place(me, to, body.media);
    return json(201, { call: this.view(call, me), join: this.join(call, me) });
  }

  private list(q: URLSearchParams, me: string): Response {
    if (this.failList) return error(500, 'internal', 'Internal error');
    const mine = [...this.calls.values()]
      .filter((c) => c.callerId === me || c.calleeId === me)
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id));
    const before = q.get('before');
    const from = before ? mine.findIndex((c) => c.id === before) + 1 : 0;
    const limit = Number(q.get('limit') ?? 20);
    const page = mine.slice(from, from + limit);
    const unseenMissedCount = mine.filter((c) => c.calleeId === me && c.seen === false).length;
    const nextBefore = from + limit < mine.length ? page[page.length - 1]?.id : undefined;
    return json(200, { items: page.map((c) => this.view(c, me)), nextBefore, unseenMissedCount });
  }

  private view(call: StoredCall, me: string) {
    const { seen, ...rest } = call;
    const incoming = call.calleeId === me;
    return {
      ...rest,
      kind: call.kind ?? 'app',
      direction: incoming ? 'incoming' : 'outgoing',
      ...(incoming && call.endReason === 'missed' ? { seen } : {}),
    };
  }

  private join(call: StoredCall, me: string) {
    const meetingId = `meeting-${call.id}`;
    const base = `http://parley.test/_dev/chime/meetings/${meetingId}`;
    return {
      meeting: {
        MeetingId: meetingId,
        ExternalMeetingId: call.id,
        MediaRegion: 'eu-central-1',
        MediaPlacement: {
          AudioHostUrl: `${base}/audio`,
          AudioFallbackUrl: `${base}/audio`,
          SignalingUrl: `ws://parley.test/_dev/chime/meetings/${meetingId}/signal`,
          TurnControlUrl: `${base}/turn`,
          ScreenDataUrl: `${base}/screen`,
          ScreenViewingUrl: `${base}/screen`,
          ScreenSharingUrl: `${base}/screen`,
          EventIngestionUrl: `${base}/events`,
        },
        MeetingFeatures: { Audio: { EchoReduction: 'AVAILABLE' } },
      },
      attendee: { AttendeeId: `att-${me}-${call.id}`, ExternalUserId: me, JoinToken: `token-${me}-${call.id}` },
    };
  }
}
