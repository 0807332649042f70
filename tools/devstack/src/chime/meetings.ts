import { createServer, type Server } from 'node:http';
import { type EndReason, MeetingBook } from './meetings-book.ts';
import { handleRest, type RestContext } from './meetings-rest.ts';
import { MeetingSignaling } from './meetings-signaling.ts';
import type { ChimeBusEvent, MeetingDirectory, PstnLegEnded } from './ports.ts';

export interface MeetingsEmulatorOptions {
  /** `<data-dir>/chime-meetings.json` */
  file: string;
  /** the control region the meetings are created in (MeetingArn) */
  region: string;
  accountId: string;
  /** devstack's public origin, e.g. http://localhost:3000 (MediaPlacement URLs point at it) */
  publicOrigin: () => string;
  /** what Chime would send to EventBridge (source `aws.chime`) */
  emit: (e: ChimeBusEvent) => void;
  now?: () => number;
  /** how often idle meetings are looked for; 5 s by default */
  sweepIntervalMs?: number;
}

/**
 * devstack's Chime SDK Meetings: the REST API the real `@aws-sdk/client-chime-sdk-meetings`
 * speaks, the media signaling relay MediaPlacement.SignalingUrl names (WebSocket upgrade on the
 * same server), meeting life cycle (5 minutes with nobody present ends a meeting) and the
 * `Chime Meeting State Change` events. Implements `MeetingDirectory` for the SIP media
 * application driver (JoinChimeMeeting, a PSTN leg hanging up, ModifyChimeMeetingAttendees).
 */
export class MeetingsEmulator implements MeetingDirectory {
  readonly server: Server;
  private readonly book: MeetingBook;
  private readonly signaling: MeetingSignaling;
  private readonly timer: NodeJS.Timeout;
  private readonly legListeners = new Set<(e: PstnLegEnded) => void>();

  constructor(options: MeetingsEmulatorOptions) {
    this.book = new MeetingBook({ file: options.file, emit: options.emit, now: options.now ?? Date.now });
    this.signaling = new MeetingSignaling(this.book);
    const rest: RestContext = {
      book: this.book,
      region: options.region,
      accountId: options.accountId,
      publicOrigin: options.publicOrigin,
    };
    this.book.listen({
      meetingEnded: (meetingId, reason: EndReason, pstn) => {
        for (const attendeeId of pstn) this.legEnded({ meetingId, attendeeId, reason: reasonOf(reason) });
      },
      attendeeRemoved: (meetingId, attendee, pstnLegJoined) => {
        if (pstnLegJoined) this.legEnded({ meetingId, attendeeId: attendee.attendeeId, reason: 'AttendeeDeleted' });
      },
    });
    this.server = createServer((req, res) => void handleRest(rest, req, res));
    this.server.on('upgrade', (req, socket, head) => this.signaling.upgrade(req, socket, head));
    this.timer = setInterval(() => this.sweep(), options.sweepIntervalMs ?? 5000);
    this.timer.unref();
  }

  /** Ends the meetings that have had nobody present for 5 minutes (the timer runs it; tests call it with their clock). */
  sweep(): void {
    this.book.sweep();
  }

  joinWithToken(
    meetingId: string,
    joinToken: string,
  ): { ok: true; attendeeId: string; externalUserId: string } | { ok: false; message: string } {
    if (!this.book.meeting(meetingId)) return { ok: false, message: 'MeetingId parameter value is invalid' };
    const attendee = this.book.byJoinToken(meetingId, joinToken);
    if (!attendee) return { ok: false, message: 'JoinToken parameter value is invalid' };
    this.book.connect(meetingId, attendee.attendeeId, 'pstn');
    return { ok: true, attendeeId: attendee.attendeeId, externalUserId: attendee.externalUserId };
  }

  leave(meetingId: string, attendeeId: string): void {
    this.book.disconnect(meetingId, attendeeId, 'pstn');
  }

  modifyAttendees(
    meetingId: string,
    operation: 'Mute' | 'Unmute',
    attendeeIds: string[],
  ): { ok: true; unknown: string[] } | { ok: false; message: string } {
    if (!this.book.meeting(meetingId)) return { ok: false, message: 'Call is not connected to Chime Meeting' };
    if (attendeeIds.length === 0 || attendeeIds.length > 100)
      return { ok: false, message: 'AttendeeList must list 1 to 100 attendees' };
    return { ok: true, unknown: this.book.setMuted(meetingId, attendeeIds, operation === 'Mute') };
  }

  onLegEnded(listener: (e: PstnLegEnded) => void): () => void {
    this.legListeners.add(listener);
    return () => this.legListeners.delete(listener);
  }

  /** Stops the idle timer and closes every signaling socket (the caller closes `server`). */
  close(): void {
    clearInterval(this.timer);
    this.signaling.close();
  }

  private legEnded(e: PstnLegEnded): void {
    for (const l of this.legListeners) l(e);
  }
}

const reasonOf = (reason: EndReason): PstnLegEnded['reason'] =>
  reason === 'Deleted' ? 'MeetingDeleted' : 'MeetingEnded';
