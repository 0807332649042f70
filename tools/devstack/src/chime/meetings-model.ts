/**
 * The Chime SDK Meetings data model as devstack stores it, and the request validation AWS applies
 * (lengths, patterns and enums of the service model; media regions; attendee capabilities).
 */

/** One attendee, as stored in `<data-dir>/chime-meetings.json`. */
export interface StoredAttendee {
  attendeeId: string;
  externalUserId: string;
  joinToken: string;
  capabilities: Capabilities;
  muted?: boolean;
}

export interface Capabilities {
  Audio: MediaCapability;
  Video: MediaCapability;
  Content: MediaCapability;
}

export type MediaCapability = 'SendReceive' | 'Send' | 'Receive' | 'None';

export interface MeetingFeatures {
  Audio?: { EchoReduction?: 'AVAILABLE' | 'UNAVAILABLE' };
  Video?: { MaxResolution?: 'None' | 'HD' | 'FHD' };
  Content?: { MaxResolution?: 'None' | 'FHD' | 'UHD' };
  Attendee?: { MaxCount?: number };
}

/** One meeting with its attendees. Presence is not stored: sockets and PSTN legs do not survive a restart. */
export interface StoredMeeting {
  meetingId: string;
  externalMeetingId: string;
  mediaRegion: string;
  clientRequestToken: string;
  meetingHostId?: string;
  meetingFeatures?: MeetingFeatures;
  primaryMeetingId?: string;
  tenantIds?: string[];
  tags?: { Key: string; Value: string }[];
  /** epoch ms */
  createdAt: number;
  /** epoch ms since when nobody has been present (creation, or the last one leaving) */
  emptySince: number;
  attendees: StoredAttendee[];
}

/** A validated CreateMeeting / CreateMeetingWithAttendees body. */
export interface MeetingInput {
  clientRequestToken: string;
  externalMeetingId: string;
  mediaRegion: string;
  meetingHostId?: string;
  meetingFeatures?: MeetingFeatures;
  primaryMeetingId?: string;
  tenantIds?: string[];
  tags?: { Key: string; Value: string }[];
}

export interface AttendeeInput {
  externalUserId: string;
  capabilities?: Capabilities;
}

/** An error in the restJson1 shape the SDK maps to its exception classes (by `x-amzn-errortype`). */
export class MeetingsFault extends Error {
  readonly type: string;
  readonly status: number;
  readonly code: string;
  constructor(type: string, status: number, code: string, message: string) {
    super(message);
    this.type = type;
    this.status = status;
    this.code = code;
  }
}

export const badRequest = (message: string) => new MeetingsFault('BadRequestException', 400, 'BadRequest', message);
export const notFound = (message: string) => new MeetingsFault('NotFoundException', 404, 'NotFound', message);
export const limitExceeded = (message: string) =>
  new MeetingsFault('LimitExceededException', 400, 'ResourceLimitExceeded', message);

/** The media regions of Chime SDK Meetings (eu-central-2, Zurich, is not one). GovCloud ones need a GovCloud control region. */
export const MEDIA_REGIONS: readonly string[] = [
  'af-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-south-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
];

/** Attendees per meeting (standard meeting); FHD video or UHD content lowers it to 25. */
export const MAX_ATTENDEES = 250;
export const MAX_ATTENDEES_HIGH_RESOLUTION = 25;
export const BATCH_MAX = 100;
/** CreateMeetingWithAttendees: the service model's limit (older documentation said 10). */
export const WITH_ATTENDEES_MAX = 20;

const GUID = /^[a-fA-F0-9]{8}(?:-[a-fA-F0-9]{4}){3}-[a-fA-F0-9]{12}$/;
const EXTERNAL_ID = /^[-_&@+=,(){}[\]/«».:|'"#a-zA-Z0-9À-ÿ\s]*$/;
const TOKEN = /^[-_a-zA-Z0-9]*$/;
const TENANT = /^(?!.*?(.)\1{3})[-_!@#$a-zA-Z0-9]*$/;
const TAG_KEY = /^[a-zA-Z+-=._:/]+$/;
const TAG_VALUE = /^[\s\w+-=.:/@]*$/;
const ARN = /^arn[/:\-_.a-zA-Z0-9]+$/;
const CAPABILITIES: readonly string[] = ['SendReceive', 'Send', 'Receive', 'None'];

export function assertGuid(value: string, name: string): void {
  if (!GUID.test(value)) throw badRequest(`${name} "${value}" does not match the GUID pattern.`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(value: unknown, name: string, min: number, max: number, pattern?: RegExp): string {
  if (typeof value !== 'string') throw badRequest(`${name} is required and must be a string.`);
  if (value.length < min || value.length > max)
    throw badRequest(`${name} must be ${min} to ${max} characters long (got ${value.length}).`);
  if (pattern && !pattern.test(value)) throw badRequest(`${name} contains characters that are not allowed.`);
  return value;
}

function optionalText(value: unknown, name: string, min: number, max: number, pattern?: RegExp): string | undefined {
  return value === undefined || value === null ? undefined : text(value, name, min, max, pattern);
}

/** ExternalMeetingId / ExternalUserId: 2–64, the documented pattern, `aws:` reserved (case-insensitive). */
function externalId(value: unknown, name: string): string {
  const id = text(value, name, 2, 64, EXTERNAL_ID);
  if (id.toLowerCase().startsWith('aws:')) throw badRequest(`${name} values that begin with "aws:" are reserved.`);
  return id;
}

function oneOf<T extends string>(value: unknown, name: string, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !allowed.includes(value as T))
    throw badRequest(`${name} must be one of ${allowed.join(', ')}.`);
  return value as T;
}

function features(raw: unknown): MeetingFeatures | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) throw badRequest('MeetingFeatures must be an object.');
  const out: MeetingFeatures = {};
  const part = (key: string) => {
    const v = raw[key];
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) throw badRequest(`MeetingFeatures.${key} must be an object.`);
    return v;
  };
  const audio = part('Audio');
  if (audio) out.Audio = { EchoReduction: oneOf(audio.EchoReduction, 'EchoReduction', ['AVAILABLE', 'UNAVAILABLE']) };
  const video = part('Video');
  if (video) out.Video = { MaxResolution: oneOf(video.MaxResolution, 'Video.MaxResolution', ['None', 'HD', 'FHD']) };
  const content = part('Content');
  if (content)
    out.Content = { MaxResolution: oneOf(content.MaxResolution, 'Content.MaxResolution', ['None', 'FHD', 'UHD']) };
  const attendee = part('Attendee');
  if (attendee && attendee.MaxCount !== undefined) {
    const max = attendee.MaxCount;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > MAX_ATTENDEES)
      throw badRequest(`Attendee.MaxCount must be an integer from 1 to ${MAX_ATTENDEES}.`);
    out.Attendee = { MaxCount: max };
  }
  const highResolution = out.Video?.MaxResolution === 'FHD' || out.Content?.MaxResolution === 'UHD';
  if (highResolution) {
    const max = out.Attendee?.MaxCount;
    if (max === undefined) throw badRequest('FHD video or UHD content needs MeetingFeatures.Attendee.MaxCount.');
    if (max > MAX_ATTENDEES_HIGH_RESOLUTION)
      throw badRequest(
        `With FHD video or UHD content, Attendee.MaxCount can be at most ${MAX_ATTENDEES_HIGH_RESOLUTION}.`,
      );
  }
  return out;
}

/** Validates a CreateMeeting (or CreateMeetingWithAttendees) body as the service does. */
export function parseMeetingInput(body: Record<string, unknown>): MeetingInput {
  const clientRequestToken = text(body.ClientRequestToken, 'ClientRequestToken', 2, 64, TOKEN);
  const mediaRegion = text(body.MediaRegion, 'MediaRegion', 2, 64);
  if (!MEDIA_REGIONS.includes(mediaRegion))
    throw badRequest(`MediaRegion "${mediaRegion}" is not a Chime SDK media region.`);
  const externalMeetingId = externalId(body.ExternalMeetingId, 'ExternalMeetingId');
  const meetingHostId = body.MeetingHostId === undefined ? undefined : externalId(body.MeetingHostId, 'MeetingHostId');
  const primaryMeetingId = optionalText(body.PrimaryMeetingId, 'PrimaryMeetingId', 2, 64);
  let tenantIds: string[] | undefined;
  if (body.TenantIds !== undefined) {
    if (!Array.isArray(body.TenantIds) || body.TenantIds.length < 1 || body.TenantIds.length > 5)
      throw badRequest('TenantIds must list 1 to 5 ids.');
    tenantIds = body.TenantIds.map((t, i) => text(t, `TenantIds[${i}]`, 2, 256, TENANT));
  }
  let tags: { Key: string; Value: string }[] | undefined;
  if (body.Tags !== undefined) {
    if (!Array.isArray(body.Tags) || body.Tags.length > 50) throw badRequest('Tags must list at most 50 tags.');
    tags = body.Tags.map((t, i) => {
      if (!isObject(t)) throw badRequest(`Tags[${i}] must be an object.`);
      return {
        Key: text(t.Key, `Tags[${i}].Key`, 1, 128, TAG_KEY),
        Value: text(t.Value, `Tags[${i}].Value`, 0, 256, TAG_VALUE),
      };
    });
  }
  const notifications = body.NotificationsConfiguration;
  if (notifications !== undefined && notifications !== null) {
    if (!isObject(notifications)) throw badRequest('NotificationsConfiguration must be an object.');
    for (const key of ['LambdaFunctionArn', 'SnsTopicArn', 'SqsQueueArn'])
      optionalText(notifications[key], `NotificationsConfiguration.${key}`, 1, 1024, ARN);
  }
  oneOf(body.MediaPlacementNetworkType, 'MediaPlacementNetworkType', ['DualStack', 'Ipv4Only']);
  const meetingFeatures = features(body.MeetingFeatures);
  return {
    clientRequestToken,
    externalMeetingId,
    mediaRegion,
    ...(meetingHostId ? { meetingHostId } : {}),
    ...(meetingFeatures ? { meetingFeatures } : {}),
    ...(primaryMeetingId ? { primaryMeetingId } : {}),
    ...(tenantIds ? { tenantIds } : {}),
    ...(tags ? { tags } : {}),
  };
}

/** Validates an attendee list (CreateAttendeeRequestItem[]) of `min`–`max` items; items are checked one by one later. */
export function parseAttendeeList(raw: unknown, min: number, max: number): unknown[] {
  if (!Array.isArray(raw)) throw badRequest('Attendees is required and must be a list.');
  if (raw.length < min || raw.length > max) throw badRequest(`Attendees must list ${min} to ${max} attendees.`);
  return raw;
}

/** One attendee item; throws BadRequest (which batch calls turn into a per-item error). */
export function parseAttendee(raw: unknown, meetingFeatures: MeetingFeatures | undefined): AttendeeInput {
  if (!isObject(raw)) throw badRequest('Each attendee must be an object.');
  const externalUserId = externalId(raw.ExternalUserId, 'ExternalUserId');
  if (raw.Capabilities === undefined || raw.Capabilities === null) return { externalUserId };
  const c = raw.Capabilities;
  if (!isObject(c)) throw badRequest('Capabilities must be an object with Audio, Video and Content.');
  const get = (key: 'Audio' | 'Video' | 'Content') => {
    const v = oneOf(c[key], `Capabilities.${key}`, CAPABILITIES as readonly MediaCapability[]);
    if (!v) throw badRequest(`Capabilities.${key} is required.`);
    return v;
  };
  const capabilities: Capabilities = { Audio: get('Audio'), Video: get('Video'), Content: get('Content') };
  const receivesVideo = capabilities.Video === 'SendReceive' || capabilities.Video === 'Receive';
  if ((capabilities.Content === 'SendReceive' || capabilities.Content === 'Receive') && !receivesVideo)
    throw badRequest('Content SendReceive or Receive needs Video SendReceive or Receive.');
  if (meetingFeatures?.Video?.MaxResolution === 'None' && capabilities.Video !== 'None')
    throw badRequest('This meeting has no video (MeetingFeatures.Video.MaxResolution None): Video must be None.');
  return { externalUserId, capabilities };
}

/** What an attendee gets when it names no capabilities: everything, less what the meeting has turned off. */
export function defaultCapabilities(meetingFeatures: MeetingFeatures | undefined): Capabilities {
  const video = meetingFeatures?.Video?.MaxResolution === 'None' ? 'None' : 'SendReceive';
  return { Audio: 'SendReceive', Video: video, Content: video };
}

/** How many attendees a meeting may have. */
export function capacityOf(meeting: StoredMeeting): number {
  return meeting.meetingFeatures?.Attendee?.MaxCount ?? MAX_ATTENDEES;
}
