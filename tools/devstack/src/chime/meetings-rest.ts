import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http-util.ts';
import type { MeetingBook } from './meetings-book.ts';
import {
  assertGuid,
  BATCH_MAX,
  badRequest,
  MeetingsFault,
  parseAttendee,
  parseAttendeeList,
  parseMeetingInput,
  type StoredAttendee,
  type StoredMeeting,
  WITH_ATTENDEES_MAX,
} from './meetings-model.ts';

export interface RestContext {
  book: MeetingBook;
  region: string;
  accountId: string;
  publicOrigin: () => string;
}

type Reply = { status: 200; body: unknown } | { status: 204 };

/** The Meeting shape; MediaPlacement points at devstack's public origin (computed per answer: the port may change). */
export function meetingShape(ctx: RestContext, m: StoredMeeting) {
  const origin = new URL(ctx.publicOrigin());
  const http = `${origin.protocol}//${origin.host}/_dev/chime/meetings/${m.meetingId}`;
  const ws = `${origin.protocol === 'https:' ? 'wss:' : 'ws:'}//${origin.host}/_dev/chime/meetings/${m.meetingId}`;
  return {
    MeetingId: m.meetingId,
    ...(m.meetingHostId ? { MeetingHostId: m.meetingHostId } : {}),
    ExternalMeetingId: m.externalMeetingId,
    MediaRegion: m.mediaRegion,
    MediaPlacement: {
      AudioHostUrl: `${http}/audio`,
      AudioFallbackUrl: `${http}/audio`,
      SignalingUrl: `${ws}/signal`,
      TurnControlUrl: `${http}/turn`,
      ScreenDataUrl: `${http}/screen`,
      ScreenViewingUrl: `${http}/screen`,
      ScreenSharingUrl: `${http}/screen`,
      EventIngestionUrl: `${http}/events`,
    },
    ...(m.meetingFeatures ? { MeetingFeatures: m.meetingFeatures } : {}),
    ...(m.primaryMeetingId ? { PrimaryMeetingId: m.primaryMeetingId } : {}),
    ...(m.tenantIds ? { TenantIds: m.tenantIds } : {}),
    MeetingArn: `arn:aws:chime:${ctx.region}:${ctx.accountId}:meeting/${m.meetingId}`,
  };
}

const attendeeShape = (a: StoredAttendee) => ({
  ExternalUserId: a.externalUserId,
  AttendeeId: a.attendeeId,
  JoinToken: a.joinToken,
  Capabilities: a.capabilities,
});

/** Validates batch items one by one: a bad item becomes a per-item error, as BatchCreateAttendee reports it. */
function attendeeItems(raw: unknown[], meeting: StoredMeeting) {
  return raw.map((item) => {
    try {
      return parseAttendee(item, meeting.meetingFeatures);
    } catch (err) {
      const id = (item as { ExternalUserId?: unknown } | null)?.ExternalUserId;
      return { error: (err as Error).message, ...(typeof id === 'string' ? { externalUserId: id } : {}) };
    }
  });
}

function parseJson(raw: string): Record<string, unknown> {
  if (!raw) return {};
  try {
    const body = JSON.parse(raw) as unknown;
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw badRequest('The request body is not a JSON object.');
}

/** The nine operations, routed the way the SDK's restJson1 serializers address them. */
function route(ctx: RestContext, method: string, url: URL, body: Record<string, unknown>): Reply {
  const { book } = ctx;
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const operation = url.searchParams.get('operation');
  if (parts[0] !== 'meetings') throw unknownOperation(method, url);
  const [, meetingId, sub, attendeeId] = parts;

  if (meetingId === undefined && method === 'POST') {
    const input = parseMeetingInput(body);
    if (operation === null)
      return { status: 200, body: { Meeting: meetingShape(ctx, book.createMeeting(input).meeting) } };
    if (operation !== 'create-attendees') throw unknownOperation(method, url);
    const raw = parseAttendeeList(body.Attendees, 1, WITH_ATTENDEES_MAX);
    const { meeting } = book.createMeeting(input);
    const { attendees, errors } = book.createAttendees(meeting.meetingId, attendeeItems(raw, meeting));
    return {
      status: 200,
      body: { Meeting: meetingShape(ctx, meeting), Attendees: attendees.map(attendeeShape), Errors: errors },
    };
  }
  if (meetingId === undefined) throw unknownOperation(method, url);
  assertGuid(meetingId, 'MeetingId');

  if (sub === undefined) {
    if (method === 'GET') return { status: 200, body: { Meeting: meetingShape(ctx, book.require(meetingId)) } };
    if (method === 'DELETE') {
      book.require(meetingId);
      book.endMeeting(meetingId, 'Deleted');
      return { status: 204 };
    }
    throw unknownOperation(method, url);
  }
  if (sub !== 'attendees') throw unknownOperation(method, url);

  if (attendeeId === undefined) {
    if (method === 'POST' && operation === null) {
      const meeting = book.require(meetingId);
      const attendee = book.createAttendee(meetingId, parseAttendee(body, meeting.meetingFeatures));
      return { status: 200, body: { Attendee: attendeeShape(attendee) } };
    }
    if (method === 'POST' && operation === 'batch-create') {
      const meeting = book.require(meetingId);
      const raw = parseAttendeeList(body.Attendees, 1, BATCH_MAX);
      const { attendees, errors } = book.createAttendees(meetingId, attendeeItems(raw, meeting));
      return { status: 200, body: { Attendees: attendees.map(attendeeShape), Errors: errors } };
    }
    if (method === 'GET') return { status: 200, body: listAttendees(book.require(meetingId), url) };
    throw unknownOperation(method, url);
  }
  if (parts.length > 4) throw unknownOperation(method, url);
  assertGuid(attendeeId, 'AttendeeId');
  if (method === 'GET') return { status: 200, body: { Attendee: attendeeShape(book.attendee(meetingId, attendeeId)) } };
  if (method === 'DELETE') {
    book.deleteAttendee(meetingId, attendeeId);
    return { status: 204 };
  }
  throw unknownOperation(method, url);
}

/** ListAttendees: `max-results` 1–100 (default 100), `next-token` an opaque offset. */
function listAttendees(meeting: StoredMeeting, url: URL) {
  const maxRaw = url.searchParams.get('max-results');
  const max = maxRaw === null ? 100 : Number(maxRaw);
  if (!Number.isInteger(max) || max < 1 || max > 100) throw badRequest('MaxResults must be an integer from 1 to 100.');
  const token = url.searchParams.get('next-token');
  let start = 0;
  if (token !== null) {
    start = Number(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw badRequest('NextToken is not valid.');
  }
  const page = meeting.attendees.slice(start, start + max);
  const next =
    start + max < meeting.attendees.length ? Buffer.from(String(start + max)).toString('base64url') : undefined;
  return { Attendees: page.map(attendeeShape), ...(next ? { NextToken: next } : {}) };
}

function unknownOperation(method: string, url: URL): MeetingsFault {
  return new MeetingsFault(
    'NotImplementedException',
    501,
    'NotImplemented',
    `devstack's Chime SDK Meetings emulator does not implement ${method} ${url.pathname}${url.search}.`,
  );
}

/** Answers one HTTP request in the restJson1 protocol (errors: `x-amzn-errortype` plus `{Code, Message, RequestId}`). */
export async function handleRest(ctx: RestContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  try {
    const url = new URL(req.url ?? '/', 'http://devstack');
    const body = parseJson(await readBody(req));
    const reply = route(ctx, req.method ?? 'GET', url, body);
    if (reply.status === 204) {
      res.writeHead(204, { 'x-amzn-requestid': requestId });
      res.end();
      return;
    }
    const text = JSON.stringify(reply.body);
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': requestId,
    });
    res.end(text);
  } catch (err) {
    const fault =
      err instanceof MeetingsFault
        ? err
        : new MeetingsFault('ServiceFailureException', 500, 'ServiceFailure', (err as Error).message);
    const text = JSON.stringify({ Code: fault.code, Message: fault.message, RequestId: requestId });
    res.writeHead(fault.status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      'x-amzn-errortype': fault.type,
      'x-amzn-requestid': requestId,
    });
    res.end(text);
  }
}
