import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import type { MeetingBook } from './meetings-book.ts';

/** The path MediaPlacement.SignalingUrl names (the public origin proxies it here unchanged). */
export const SIGNAL_PATH = /^\/_dev\/chime\/meetings\/([^/]+)\/signal$/;

/**
 * The media signaling relay behind `MediaPlacement.SignalingUrl`: one WebSocket per attendee
 * (`?joinToken=`), presence frames, and `signal` frames relayed to their addressee only. The data
 * is opaque to devstack (SDP and ICE for browser-to-browser WebRTC).
 */
export class MeetingSignaling {
  private readonly wss = new WebSocketServer({ noServer: true });
  /** meetingId → attendeeId → open sockets */
  private readonly sockets = new Map<string, Map<string, Set<WebSocket>>>();
  private readonly book: MeetingBook;

  constructor(book: MeetingBook) {
    this.book = book;
    book.listen({
      presence: (meetingId, attendee, present) => {
        const frame = present
          ? { type: 'attendee-joined', attendeeId: attendee.attendeeId, externalUserId: attendee.externalUserId }
          : { type: 'attendee-left', attendeeId: attendee.attendeeId };
        this.broadcast(meetingId, frame, attendee.attendeeId);
      },
      muted: (meetingId, attendeeId, muted) => {
        for (const ws of this.sockets.get(meetingId)?.get(attendeeId) ?? []) send(ws, { type: 'muted', muted });
      },
      attendeeRemoved: (meetingId, attendee) => {
        const mine = this.sockets.get(meetingId)?.get(attendee.attendeeId);
        this.sockets.get(meetingId)?.delete(attendee.attendeeId);
        for (const ws of mine ?? []) end(ws);
      },
      meetingEnded: (meetingId) => {
        const all = this.sockets.get(meetingId);
        this.sockets.delete(meetingId);
        for (const set of all?.values() ?? []) for (const ws of set) end(ws);
      },
    });
  }

  /** Handles an HTTP upgrade: 404 for an unknown meeting, 403 for a token that is not an attendee's of it. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://devstack');
    const match = SIGNAL_PATH.exec(url.pathname);
    const meetingId = match ? decodeURIComponent(match[1] as string) : undefined;
    if (!meetingId || !this.book.meeting(meetingId)) {
      refuse(socket, 404, 'Not Found', 'no such meeting');
      return;
    }
    const attendee = this.book.byJoinToken(meetingId, url.searchParams.get('joinToken') ?? '');
    if (!attendee) {
      refuse(socket, 403, 'Forbidden', 'joinToken is not an attendee of this meeting');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, meetingId, attendee.attendeeId));
  }

  /** Closes every socket (devstack stopping). */
  close(): void {
    for (const ws of this.wss.clients) ws.terminate();
    this.sockets.clear();
    this.wss.close();
  }

  private accept(ws: WebSocket, meetingId: string, attendeeId: string): void {
    const meeting = this.book.meeting(meetingId);
    const attendee = meeting?.attendees.find((a) => a.attendeeId === attendeeId);
    if (!meeting || !attendee) {
      end(ws);
      return;
    }
    send(ws, {
      type: 'joined',
      meetingId,
      attendeeId,
      externalUserId: attendee.externalUserId,
      attendees: this.book
        .present(meetingId)
        .filter((a) => a.attendeeId !== attendeeId)
        .map((a) => ({ attendeeId: a.attendeeId, externalUserId: a.externalUserId })),
    });
    if (attendee.muted) send(ws, { type: 'muted', muted: true });
    let inMeeting = this.sockets.get(meetingId);
    if (!inMeeting) {
      inMeeting = new Map();
      this.sockets.set(meetingId, inMeeting);
    }
    const mine = inMeeting.get(attendeeId) ?? new Set<WebSocket>();
    mine.add(ws);
    inMeeting.set(attendeeId, mine);
    this.book.connect(meetingId, attendeeId, 'socket');

    ws.on('message', (raw: RawData, isBinary: boolean) => {
      if (isBinary) return;
      this.relay(meetingId, attendeeId, raw.toString());
    });
    ws.on('close', () => {
      const set = this.sockets.get(meetingId)?.get(attendeeId);
      // Sockets of an ended meeting or a deleted attendee were dropped from the map already.
      if (!set?.delete(ws)) return;
      if (set.size === 0) this.sockets.get(meetingId)?.delete(attendeeId);
      this.book.disconnect(meetingId, attendeeId, 'socket');
    });
    ws.on('error', () => ws.terminate());
  }

  /** `{type:"signal", to, data}` → `{type:"signal", from, data}` on the addressee's sockets only. Anything else is ignored. */
  private relay(meetingId: string, from: string, text: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    const f = frame as { type?: unknown; to?: unknown; data?: unknown } | null;
    if (f?.type !== 'signal' || typeof f.to !== 'string' || f.to === from) return;
    for (const ws of this.sockets.get(meetingId)?.get(f.to) ?? []) send(ws, { type: 'signal', from, data: f.data });
  }

  private broadcast(meetingId: string, frame: unknown, except: string): void {
    for (const [attendeeId, set] of this.sockets.get(meetingId) ?? []) {
      if (attendeeId === except) continue;
      for (const ws of set) send(ws, frame);
    }
  }
}

function send(ws: WebSocket, frame: unknown): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
}

/** `ended`, then close 1000 (meeting ended, or this attendee deleted). */
function end(ws: WebSocket): void {
  send(ws, { type: 'ended' });
  ws.close(1000, 'ended');
}

function refuse(socket: Duplex, status: number, text: string, reason: string): void {
  const body = JSON.stringify({ message: reason });
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
