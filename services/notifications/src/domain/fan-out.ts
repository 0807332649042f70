import { encodeFrame } from '@parley/realtime/encode';
import { forEachLimit } from './concurrency.ts';
import { disconnect, type PresenceDeps } from './connections.ts';
import type { ConnectionGateway } from './ports.ts';

export interface FanOutDeps extends PresenceDeps {
  gateway: ConnectionGateway;
}

export interface FanOutResult {
  /** frames accepted by API Gateway */
  sent: number;
  /** posts answered 410: the connection is forgotten, unless it is still in its handshake grace period */
  gone: number;
  /** posts that failed for another reason (logged, not retried: frames are hints) */
  failed: number;
  /** users among the recipients with no live connection */
  offline: string[];
}

/** Posts in flight per invocation: well under the account's 10k RPS management API bucket. */
const POST_CONCURRENCY = 32;

/**
 * API Gateway also answers 410 to a post that races the handshake: `$connect` has stored the
 * connection but the socket is not established yet. A connection this young is not forgotten on a
 * 410 (that frame is lost, and the client fetches state once open); an older one is dead.
 */
export const HANDSHAKE_GRACE_SECONDS = 30;

/**
 * Sends one serialised frame to every live connection of `userIds`. A connection that answers 410 is
 * forgotten (and its user may go offline). Other failures are logged and skipped: retrying the whole
 * fan-out would duplicate frames for everyone else, and a client that misses a frame refetches.
 */
export async function sendToUsers(
  deps: FanOutDeps,
  userIds: readonly string[],
  payload: string,
): Promise<FanOutResult> {
  const unique = [...new Set(userIds)];
  const records = await deps.connections.getMany(unique, deps.clock.now());
  const targets: { userId: string; connectionId: string; connectedAt?: number }[] = [];
  const offline: string[] = [];
  for (const userId of unique) {
    const live = records.get(userId)?.connections ?? [];
    if (live.length === 0) offline.push(userId);
    for (const c of live)
      targets.push({
        userId,
        connectionId: c.connectionId,
        ...(c.connectedAt !== undefined ? { connectedAt: c.connectedAt } : {}),
      });
  }
  const result: FanOutResult = { sent: 0, gone: 0, failed: 0, offline };
  const nowSeconds = Math.floor(deps.clock.now().getTime() / 1000);
  await forEachLimit(targets, POST_CONCURRENCY, async (target) => {
    try {
      const outcome = await deps.gateway.post(target.connectionId, payload);
      if (outcome === 'sent') {
        result.sent += 1;
        return;
      }
      result.gone += 1;
      const young = target.connectedAt !== undefined && nowSeconds - target.connectedAt < HANDSHAKE_GRACE_SECONDS;
      if (!young) await disconnect(deps, { userId: target.userId, connectionId: target.connectionId });
    } catch (err) {
      result.failed += 1;
      deps.log.warn('frame not delivered', { ...target, error: (err as Error).message });
    }
  });
  return result;
}

/** A domain event that names an audience, as received from the bus. */
export interface AudienceEvent {
  eventId: string;
  detailType: string;
  version: number;
  occurredAt: string;
  audience: readonly string[];
  data: Record<string, unknown>;
}

/**
 * Fans one event out to its audience's live connections as a frame `{id: eventId, type: detailType, v, at, data}`,
 * always under 32 KB (large data is cut down and marked `truncated`).
 */
export async function deliverEvent(deps: FanOutDeps, event: AudienceEvent): Promise<FanOutResult> {
  const payload = encodeFrame({
    id: event.eventId,
    type: event.detailType,
    v: event.version,
    at: event.occurredAt,
    data: event.data,
  });
  return sendToUsers(deps, event.audience, payload);
}

/**
 * identity.SessionRevoked (logout, revocation, refresh-token reuse): closes that session's live
 * connections, so a revoked token stops receiving frames at once (ASVS 7.4.1), not after 2 h.
 */
export async function closeSession(deps: FanOutDeps, input: { userId: string; sessionId: string }): Promise<number> {
  const record = (await deps.connections.getMany([input.userId], deps.clock.now())).get(input.userId);
  const doomed = (record?.connections ?? []).filter((c) => c.sessionId === input.sessionId);
  for (const c of doomed) {
    await deps.gateway.close(c.connectionId);
    await disconnect(deps, { userId: input.userId, connectionId: c.connectionId });
  }
  return doomed.length;
}
