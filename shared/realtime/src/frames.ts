import * as z from 'zod';

/**
 * The WebSocket protocol between Parley's notifications service and its clients (docs/api.md).
 * Shared by the server (which builds frames) and the web client (which parses them).
 *
 * Frames are hints, the REST API is the truth: a client that sees a gap in a conversation's `seq`,
 * or reconnects, refetches with `?afterSeq=`. Frames may arrive twice (delivery is at least once):
 * drop duplicates by `id`.
 */

/** API Gateway refuses WebSocket frames over 32 KB (and closes the socket with 1009): every frame stays below. */
export const MAX_FRAME_BYTES = 32 * 1024;
/** Largest `signal.payload` a client may send, in bytes of its JSON (an SDP offer is a few KB). */
export const MAX_SIGNAL_PAYLOAD_BYTES = 16 * 1024;
/** Largest client action accepted, in bytes. */
export const MAX_ACTION_BYTES = MAX_SIGNAL_PAYLOAD_BYTES + 1024;
/**
 * Largest conversation whose members are sent each other's `PresenceChanged` frames (ADR 0034). In a
 * bigger group pushing presence is quadratic (100 members coming online is ~10,000 frames), so its
 * members' clients ask for it (`GET /notifications/presence`) while they show the member list.
 * Contacts and the peers of smaller conversations are sent it as it changes.
 */
export const PRESENCE_PUSH_MAX_MEMBERS = 20;

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id (letters, digits, _ or -, at most 64)');

/** Frame types the gateway itself produces; every other `type` is a domain event's detail-type. */
export const GatewayFrameType = {
  pong: 'pong',
  typing: 'typing',
  signal: 'signal',
  error: 'error',
  /** someone's public profile changed: `{userId, displayName, statusMessage?, changed}` (never private fields) */
  profile: 'profile',
} as const;
export type GatewayFrameType = (typeof GatewayFrameType)[keyof typeof GatewayFrameType];

/**
 * Every server frame. `id` is unique per frame (the event's `eventId` for domain events), `type` the
 * event's detail-type (`messaging.MessageSent`) or a gateway type, `v` the schema version of `data`,
 * `at` when it happened. `truncated: true` means `data` was cut to fit 32 KB: refetch through the REST API.
 */
export const ServerFrame = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  v: z.number().int().positive(),
  at: z.iso.datetime(),
  data: z.record(z.string(), z.unknown()),
  truncated: z.literal(true).optional(),
});
export type ServerFrame = z.infer<typeof ServerFrame>;

export const PongData = z.object({});
export const TypingData = z.object({ conversationId: Id, userId: Id });
export const SignalData = z.object({ callId: Id, from: Id, payload: z.unknown() });
export const ErrorData = z.object({
  code: z.string().min(1),
  message: z.string(),
  details: z.array(z.unknown()).optional(),
  /** the action that was refused, when known */
  action: z.string().optional(),
});
export type TypingData = z.infer<typeof TypingData>;
export type SignalData = z.infer<typeof SignalData>;
export type ErrorData = z.infer<typeof ErrorData>;

/** Client → server actions (API Gateway routes on `action`). Unknown fields are refused. */
export const PingAction = z.strictObject({ action: z.literal('ping') });
export const TypingAction = z.strictObject({ action: z.literal('typing'), conversationId: Id });
export const SignalAction = z.strictObject({
  action: z.literal('signal'),
  callId: Id,
  to: Id,
  payload: z.unknown().refine((p) => p !== undefined, 'payload is required'),
});
export const ClientAction = z.discriminatedUnion('action', [PingAction, TypingAction, SignalAction]);
export type ClientAction = z.infer<typeof ClientAction>;
export type TypingAction = z.infer<typeof TypingAction>;
export type SignalAction = z.infer<typeof SignalAction>;

/** UTF-8 size of a string, as API Gateway counts it. */
export function byteLength(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}

/** Parses one text frame from the server; undefined when it is not a Parley frame. */
export function parseServerFrame(text: string): ServerFrame | undefined {
  try {
    const parsed = ServerFrame.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
