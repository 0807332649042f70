import { encodeFrame } from '@parley/realtime/encode';
import { byteLength, MAX_SIGNAL_PAYLOAD_BYTES } from '@parley/realtime/frames';
import { NotAMember, PayloadTooLarge, RateLimited, RecipientOffline, SignalNotAllowed } from './errors.ts';
import { type FanOutDeps, type FanOutResult, sendToUsers } from './fan-out.ts';
import type { BlockStore, CallStore, Cooldowns, IdGenerator, RateLimiter } from './ports.ts';

export interface RelayDeps extends FanOutDeps {
  calls: CallStore;
  blocks: BlockStore;
  rateLimiter: RateLimiter;
  cooldowns: Cooldowns;
  ids: IdGenerator;
}

/**
 * At most one `typing` fan-out per (user, conversation) in this window; the others are dropped
 * silently (typing is a hint). Below the web client's own 3 s throttle, so its hints always pass
 * even with network jitter; a client that sends 50 in a burst reaches the others once.
 */
export const TYPING_COOLDOWN_MS = 2_500;

/** Signal flood guard (ASVS 17.3.1): per user, per window. Call set-up needs a few dozen messages. */
export const SIGNAL_LIMIT = { perWindow: 100, windowSeconds: 10 } as const;

/**
 * `typing`: tells the conversation's other members that `userId` is typing. Only members may
 * announce, and only members hear it (membership projection from messaging's events), never someone on
 * either side of a block with the typist. Within
 * TYPING_COOLDOWN_MS of the last one relayed for the same user and conversation, nothing is sent.
 */
export async function relayTyping(
  deps: RelayDeps,
  input: { userId: string; conversationId: string },
): Promise<FanOutResult> {
  const members = await deps.membership.membersOf(input.conversationId);
  if (!members?.includes(input.userId)) throw new NotAMember(input.conversationId);
  const key = `typing#${input.userId}#${input.conversationId}`;
  if (!(await deps.cooldowns.tryStart(key, TYPING_COOLDOWN_MS, deps.clock.now())))
    return { sent: 0, gone: 0, failed: 0, offline: [] };
  const payload = encodeFrame({
    id: deps.ids.newId(),
    type: 'typing',
    v: 1,
    at: deps.clock.now().toISOString(),
    data: { conversationId: input.conversationId, userId: input.userId },
  });
  const blocked = await deps.blocks.blockedAround(input.userId);
  return sendToUsers(
    deps,
    members.filter((m) => m !== input.userId && !blocked.has(m)),
    payload,
  );
}

/** Whether `from` may signal `to` about `callId`: both are in that call, ringing or active, and no block stands between them. */
async function maySignal(deps: RelayDeps, from: string, to: string, callId: string): Promise<boolean> {
  if (from === to) return false;
  const [participants, blocked] = await Promise.all([
    deps.calls.participantsOf(callId),
    deps.blocks.blockedAround(from),
  ]);
  return participants.includes(from) && participants.includes(to) && !blocked.has(to);
}

/**
 * `signal`: relays a WebRTC signaling payload (offer, answer, ICE candidate) to every live connection
 * of `to`. Size-limited (16 KB), rate-limited per user, and only between participants of one ringing
 * or active call (from calling's events), so it cannot be used to message strangers. Throws RecipientOffline when no connection got it.
 */
export async function relaySignal(
  deps: RelayDeps,
  input: { userId: string; callId: string; to: string; payload: unknown },
): Promise<FanOutResult> {
  const payloadBytes = byteLength(JSON.stringify(input.payload));
  if (payloadBytes > MAX_SIGNAL_PAYLOAD_BYTES) throw new PayloadTooLarge(MAX_SIGNAL_PAYLOAD_BYTES);
  const now = deps.clock.now();
  const allowedRate = await deps.rateLimiter.tryTake(
    `signal#${input.userId}`,
    SIGNAL_LIMIT.perWindow,
    SIGNAL_LIMIT.windowSeconds,
    now,
  );
  if (!allowedRate) throw new RateLimited('signaling messages');
  if (!(await maySignal(deps, input.userId, input.to, input.callId))) throw new SignalNotAllowed();
  const payload = encodeFrame({
    id: deps.ids.newId(),
    type: 'signal',
    v: 1,
    at: now.toISOString(),
    data: { callId: input.callId, from: input.userId, payload: input.payload },
  });
  const result = await sendToUsers(deps, [input.to], payload);
  // the caller must know when nobody got it (a call cannot be set up with someone offline)
  if (result.sent === 0) throw new RecipientOffline(input.to);
  return result;
}
