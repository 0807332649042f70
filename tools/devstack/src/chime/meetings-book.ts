import { randomBytes, randomUUID } from 'node:crypto';
import { readJsonFile, writeJsonFile } from '../json-file.ts';
import {
  type AttendeeInput,
  capacityOf,
  defaultCapabilities,
  limitExceeded,
  type MeetingInput,
  notFound,
  type StoredAttendee,
  type StoredMeeting,
} from './meetings-model.ts';
import type { ChimeBusEvent } from './ports.ts';

/** No attendee present for this long ends a meeting, as on AWS. */
export const IDLE_END_MS = 5 * 60_000;
/** A meeting ends 24 h after it was created, whatever happens in it. */
export const MAX_DURATION_MS = 24 * 60 * 60_000;

export type EndReason = 'Deleted' | 'Idle' | 'MaxDuration';
/** How an attendee is present: a signaling socket (Voip) or a PSTN leg joined by the SMA. */
export type Channel = 'socket' | 'pstn';

/** What the signaling relay and the SMA driver hear about. */
export interface BookListener {
  presence?(meetingId: string, attendee: StoredAttendee, present: boolean): void;
  attendeeRemoved?(meetingId: string, attendee: StoredAttendee, pstnLegJoined: boolean): void;
  meetingEnded?(meetingId: string, reason: EndReason, pstnAttendeeIds: string[]): void;
  muted?(meetingId: string, attendeeId: string, muted: boolean): void;
}

interface Presence {
  sockets: number;
  pstn: boolean;
}

/**
 * The meetings and attendees of devstack's Chime SDK Meetings, their presence, their life cycle and
 * the `aws.chime` events Chime sends for them. Persisted in one JSON file after every change.
 */
export class MeetingBook {
  private readonly meetings = new Map<string, StoredMeeting>();
  private readonly presence = new Map<string, Map<string, Presence>>();
  private readonly listeners: BookListener[] = [];
  private readonly file: string;
  private readonly emit: (e: ChimeBusEvent) => void;
  private readonly now: () => number;

  constructor(options: { file: string; emit: (e: ChimeBusEvent) => void; now: () => number }) {
    this.file = options.file;
    this.emit = options.emit;
    this.now = options.now;
    const saved = readJsonFile<{ meetings?: StoredMeeting[] }>(this.file, {});
    // Nobody is present after a restart, and who was before is unknown: every meeting's idle clock
    // starts now, so clients have the usual 5 minutes to reconnect.
    for (const m of saved.meetings ?? []) this.meetings.set(m.meetingId, { ...m, emptySince: this.now() });
  }

  listen(listener: BookListener): void {
    this.listeners.push(listener);
  }

  meeting(meetingId: string): StoredMeeting | undefined {
    return this.meetings.get(meetingId);
  }

  /** The meeting, or NotFoundException. */
  require(meetingId: string): StoredMeeting {
    const m = this.meetings.get(meetingId);
    if (!m) throw notFound(`The meeting ${meetingId} does not exist (or has ended).`);
    return m;
  }

  attendee(meetingId: string, attendeeId: string): StoredAttendee {
    const a = this.require(meetingId).attendees.find((x) => x.attendeeId === attendeeId);
    if (!a) throw notFound(`The attendee ${attendeeId} does not exist in meeting ${meetingId}.`);
    return a;
  }

  byJoinToken(meetingId: string, joinToken: string): StoredAttendee | undefined {
    return this.meetings.get(meetingId)?.attendees.find((a) => a.joinToken === joinToken);
  }

  /** Creates a meeting; the same ClientRequestToken while that meeting lives gives it back instead. */
  createMeeting(input: MeetingInput): { meeting: StoredMeeting; created: boolean } {
    const existing = [...this.meetings.values()].find((m) => m.clientRequestToken === input.clientRequestToken);
    if (existing) return { meeting: existing, created: false };
    const now = this.now();
    const meeting: StoredMeeting = {
      meetingId: randomUUID(),
      ...input,
      createdAt: now,
      emptySince: now,
      attendees: [],
    };
    this.meetings.set(meeting.meetingId, meeting);
    this.save();
    this.event('chime:MeetingStarted', meeting);
    return { meeting, created: true };
  }

  /**
   * Adds attendees. An ExternalUserId already in the meeting gives that attendee back (the id is
   * an idempotency token); past the meeting's capacity the item fails with ResourceLimitExceeded.
   */
  createAttendees(
    meetingId: string,
    items: (AttendeeInput | { error: string; externalUserId?: string })[],
  ): { attendees: StoredAttendee[]; errors: { ExternalUserId?: string; ErrorCode: string; ErrorMessage: string }[] } {
    const meeting = this.require(meetingId);
    const attendees: StoredAttendee[] = [];
    const errors: { ExternalUserId?: string; ErrorCode: string; ErrorMessage: string }[] = [];
    const added: StoredAttendee[] = [];
    for (const item of items) {
      if ('error' in item) {
        errors.push({ ExternalUserId: item.externalUserId, ErrorCode: 'BadRequest', ErrorMessage: item.error });
        continue;
      }
      const same = meeting.attendees.find((a) => a.externalUserId === item.externalUserId);
      if (same) {
        attendees.push(same);
        continue;
      }
      if (meeting.attendees.length >= capacityOf(meeting)) {
        errors.push({
          ExternalUserId: item.externalUserId,
          ErrorCode: 'ResourceLimitExceeded',
          ErrorMessage: `The meeting has its maximum of ${capacityOf(meeting)} attendees.`,
        });
        continue;
      }
      const attendee: StoredAttendee = {
        attendeeId: randomUUID(),
        externalUserId: item.externalUserId,
        joinToken: randomBytes(48).toString('base64url'),
        capabilities: item.capabilities ?? defaultCapabilities(meeting.meetingFeatures),
      };
      meeting.attendees.push(attendee);
      attendees.push(attendee);
      added.push(attendee);
    }
    if (added.length) this.save();
    for (const a of added) this.event('chime:AttendeeAdded', meeting, a);
    return { attendees, errors };
  }

  /** CreateAttendee: one attendee, or the error the service raises for it. */
  createAttendee(meetingId: string, item: AttendeeInput): StoredAttendee {
    const { attendees, errors } = this.createAttendees(meetingId, [item]);
    const error = errors[0];
    if (error) throw limitExceeded(error.ErrorMessage);
    return attendees[0] as StoredAttendee;
  }

  deleteAttendee(meetingId: string, attendeeId: string): void {
    const meeting = this.require(meetingId);
    const attendee = this.attendee(meetingId, attendeeId);
    const was = this.presence.get(meetingId)?.get(attendeeId);
    this.presence.get(meetingId)?.delete(attendeeId);
    meeting.attendees = meeting.attendees.filter((a) => a.attendeeId !== attendeeId);
    this.save();
    if (was && (was.sockets > 0 || was.pstn)) this.left(meeting, attendee, was.pstn ? 'PSTN' : 'Voip');
    this.event('chime:AttendeeDeleted', meeting, attendee);
    for (const l of this.listeners) l.attendeeRemoved?.(meetingId, attendee, was?.pstn ?? false);
  }

  /** Ends a meeting: AttendeeLeft for whoever is present, then MeetingEnded; its attendees and tokens are gone. */
  endMeeting(meetingId: string, reason: EndReason): void {
    const meeting = this.require(meetingId);
    const present = this.presence.get(meetingId) ?? new Map<string, Presence>();
    this.meetings.delete(meetingId);
    this.presence.delete(meetingId);
    this.save();
    const pstn: string[] = [];
    for (const [attendeeId, p] of present) {
      const attendee = meeting.attendees.find((a) => a.attendeeId === attendeeId);
      if (p.pstn) pstn.push(attendeeId);
      if (attendee && (p.sockets > 0 || p.pstn))
        this.event('chime:AttendeeLeft', meeting, attendee, p.pstn ? 'PSTN' : 'Voip');
    }
    this.event('chime:MeetingEnded', meeting);
    for (const l of this.listeners) l.meetingEnded?.(meetingId, reason, pstn);
  }

  /** One more way `attendeeId` is present. AttendeeJoined when it was not present before. */
  connect(meetingId: string, attendeeId: string, channel: Channel): void {
    const meeting = this.require(meetingId);
    const attendee = this.attendee(meetingId, attendeeId);
    let inMeeting = this.presence.get(meetingId);
    if (!inMeeting) {
      inMeeting = new Map();
      this.presence.set(meetingId, inMeeting);
    }
    const p = inMeeting.get(attendeeId) ?? { sockets: 0, pstn: false };
    const before = p.sockets > 0 || p.pstn;
    if (channel === 'socket') p.sockets++;
    else p.pstn = true;
    inMeeting.set(attendeeId, p);
    if (before) return;
    this.event('chime:AttendeeJoined', meeting, attendee, channel === 'pstn' ? 'PSTN' : 'Voip');
    for (const l of this.listeners) l.presence?.(meetingId, attendee, true);
  }

  /** One way fewer; AttendeeLeft when it was the last. Unknown meetings or attendees are ignored (already gone). */
  disconnect(meetingId: string, attendeeId: string, channel: Channel): void {
    const meeting = this.meetings.get(meetingId);
    const p = this.presence.get(meetingId)?.get(attendeeId);
    const attendee = meeting?.attendees.find((a) => a.attendeeId === attendeeId);
    if (!meeting || !p || !attendee) return;
    if (channel === 'socket') p.sockets = Math.max(0, p.sockets - 1);
    else p.pstn = false;
    if (p.sockets > 0 || p.pstn) return;
    this.presence.get(meetingId)?.delete(attendeeId);
    this.left(meeting, attendee, channel === 'pstn' ? 'PSTN' : 'Voip');
  }

  /** Attendees present now (for the `joined` frame). */
  present(meetingId: string): StoredAttendee[] {
    const inMeeting = this.presence.get(meetingId);
    const meeting = this.meetings.get(meetingId);
    if (!inMeeting || !meeting) return [];
    return meeting.attendees.filter((a) => {
      const p = inMeeting.get(a.attendeeId);
      return p !== undefined && (p.sockets > 0 || p.pstn);
    });
  }

  /** Mute or unmute; returns the ids that are not attendees of the meeting. */
  setMuted(meetingId: string, attendeeIds: string[], muted: boolean): string[] {
    const meeting = this.require(meetingId);
    const unknown: string[] = [];
    for (const id of attendeeIds) {
      const a = meeting.attendees.find((x) => x.attendeeId === id);
      if (!a) {
        unknown.push(id);
        continue;
      }
      a.muted = muted;
      for (const l of this.listeners) l.muted?.(meetingId, id, muted);
    }
    this.save();
    return unknown;
  }

  /** Ends meetings nobody has been in for 5 minutes, and meetings older than 24 h. */
  sweep(): void {
    const now = this.now();
    for (const m of [...this.meetings.values()]) {
      if (now - m.createdAt >= MAX_DURATION_MS) this.endMeeting(m.meetingId, 'MaxDuration');
      else if (this.present(m.meetingId).length === 0 && now - m.emptySince >= IDLE_END_MS)
        this.endMeeting(m.meetingId, 'Idle');
    }
  }

  private left(meeting: StoredMeeting, attendee: StoredAttendee, networkType: 'Voip' | 'PSTN'): void {
    if (this.present(meeting.meetingId).length === 0) {
      meeting.emptySince = this.now();
      this.save();
    }
    this.event('chime:AttendeeLeft', meeting, attendee, networkType);
    for (const l of this.listeners) l.presence?.(meeting.meetingId, attendee, false);
  }

  /** `Chime Meeting State Change`, with the detail fields AWS documents for each event type. */
  private event(eventType: string, m: StoredMeeting, a?: StoredAttendee, networkType?: 'Voip' | 'PSTN'): void {
    this.emit({
      source: 'aws.chime',
      detailType: 'Chime Meeting State Change',
      detail: {
        version: '0',
        eventType,
        timestamp: this.now(),
        meetingId: m.meetingId,
        ...(a ? { attendeeId: a.attendeeId, externalUserId: a.externalUserId } : {}),
        ...(networkType ? { networkType } : {}),
        externalMeetingId: m.externalMeetingId,
        mediaRegion: m.mediaRegion,
      },
    });
  }

  private save(): void {
    writeJsonFile(this.file, { meetings: [...this.meetings.values()] });
  }
}
