import { PRESENCE_PUSH_MAX_MEMBERS } from '@parley/realtime/frames';
import type {
  BlockStore,
  Clock,
  ConnectionGateway,
  ConnectionStore,
  ContactStore,
  LiveConnection,
  MembershipStore,
  NotificationsPublisher,
} from './ports.ts';

/** Port: where the domain reports what it recovered from (the powertools logger in production). */
export interface Log {
  warn(message: string, extra?: Record<string, unknown>): void;
}

export interface PresenceDeps {
  connections: ConnectionStore;
  membership: MembershipStore;
  contacts: ContactStore;
  blocks: BlockStore;
  publisher: NotificationsPublisher;
  clock: Clock;
  log: Log;
}

/** `$connect` also closes a user's oldest sockets past the limit. */
export interface ConnectDeps extends PresenceDeps {
  gateway: ConnectionGateway;
}

/**
 * Open sockets per user (a person's browsers, tabs and phones). Every frame to a user is posted once
 * per socket, so without a cap one account with 200 sockets turns each message into 200 posts.
 */
export const MAX_CONNECTIONS_PER_USER = 10;

/** Largest audience an event may carry (the envelope's limit). */
export const MAX_AUDIENCE = 1000;

/**
 * People who share a conversation with `userId` (from the membership projection), without the user,
 * counting only conversations that `consent` says were accepted: `'user'` — conversations the user
 * accepted (whom the user's presence may reach); `'peer'` — the peers who accepted theirs (whose
 * presence the user may see); `'any'` — every conversation. A message request shares nothing until it
 * is accepted.
 */
export async function coMembersOf(
  deps: Pick<PresenceDeps, 'membership'>,
  userId: string,
  consent: 'user' | 'peer' | 'any',
  options: { maxMembers?: number } = {},
): Promise<Set<string>> {
  const candidates = await deps.membership.conversationsOf(userId);
  const conversations = await deps.membership.membersOfMany(candidates);
  const peers = new Set<string>();
  for (const { memberIds, pendingIds } of conversations.values()) {
    // the per-user list is only a candidate list: the conversation's own member list is the truth
    if (!memberIds.includes(userId)) continue;
    if (options.maxMembers !== undefined && memberIds.length > options.maxMembers) continue;
    if (consent === 'user' && pendingIds.includes(userId)) continue;
    for (const id of memberIds) {
      if (id === userId || (consent === 'peer' && pendingIds.includes(id))) continue;
      peers.add(id);
    }
  }
  return peers;
}

/**
 * Who is told about `userId`'s presence as it changes (consent, docs/security.md): people in a
 * conversation of at most PRESENCE_PUSH_MAX_MEMBERS the user accepted, and the people the user added as
 * contacts — never someone who merely added the user, and nobody on either side of a block. Members of
 * bigger groups may still ask for it (`getPresence`), and their clients do while the member list is open.
 */
export async function presenceAudience(
  deps: Pick<PresenceDeps, 'membership' | 'contacts' | 'blocks'>,
  userId: string,
): Promise<string[]> {
  const [peers, contacts, blocked] = await Promise.all([
    coMembersOf(deps, userId, 'user', { maxMembers: PRESENCE_PUSH_MAX_MEMBERS }),
    deps.contacts.contactsOf(userId),
    deps.blocks.blockedAround(userId),
  ]);
  for (const c of contacts) if (c !== userId) peers.add(c);
  return [...peers].filter((id) => !blocked.has(id)).slice(0, MAX_AUDIENCE);
}

async function announce(deps: PresenceDeps, userId: string, status: 'online' | 'offline', at: Date): Promise<void> {
  try {
    const audience = await presenceAudience(deps, userId);
    const iso = at.toISOString();
    await deps.publisher.presenceChanged({ userId, status, lastSeenAt: iso, changedAt: iso }, audience);
  } catch (err) {
    // presence is a hint: a failed announcement must not refuse or break the connection itself
    deps.log.warn('presence change not published', { userId, status, error: (err as Error).message });
  }
}

const openedAt = (c: LiveConnection) => c.connectedAtMs ?? (c.connectedAt ?? 0) * 1000;

/**
 * The connections to drop so that `live` keeps at most `limit`: the oldest ones, never `keep` (the
 * connection being opened). Ties are broken by id, so concurrent `$connect`s agree on the order: each
 * drops only connections with `limit` newer ones, and the last write's view leaves the newest `limit`.
 */
export function oldestBeyond(live: readonly LiveConnection[], keep: string, limit: number): LiveConnection[] {
  const others = live
    .filter((c) => c.connectionId !== keep)
    .sort((a, b) => openedAt(a) - openedAt(b) || a.connectionId.localeCompare(b.connectionId));
  return others.slice(0, Math.max(0, others.length - (limit - 1)));
}

/**
 * `$connect`: records the connection (TTL: API Gateway's 2 h cap plus a margin) and, when it is the
 * user's first live connection, publishes `PresenceChanged` online. Past MAX_CONNECTIONS_PER_USER the
 * user's oldest connections are forgotten and closed (DeleteConnection); the new one is kept. Never
 * posts to the new connection: API Gateway answers 410 until `$connect` has returned.
 */
export async function connect(
  deps: ConnectDeps,
  input: { userId: string; connectionId: string; sessionId?: string; ttlSeconds: number },
): Promise<{ cameOnline: boolean; dropped: string[] }> {
  const now = deps.clock.now();
  const connectedAt = Math.floor(now.getTime() / 1000);
  const result = await deps.connections.add(
    input.userId,
    {
      connectionId: input.connectionId,
      expiresAt: connectedAt + input.ttlSeconds,
      connectedAt,
      connectedAtMs: now.getTime(),
      ...(input.sessionId ? { sessionId: input.sessionId } : {}),
    },
    now,
  );
  if (result.cameOnline) await announce(deps, input.userId, 'online', now);
  const dropped = oldestBeyond(result.live, input.connectionId, MAX_CONNECTIONS_PER_USER);
  for (const old of dropped) {
    // forgotten first: even if the close fails, no frame is posted to it again
    await disconnect(deps, { userId: input.userId, connectionId: old.connectionId });
    await deps.gateway.close(old.connectionId).catch((err: Error) => {
      deps.log.warn('oldest connection not closed', {
        userId: input.userId,
        connectionId: old.connectionId,
        error: err.message,
      });
    });
  }
  return { cameOnline: result.cameOnline, dropped: dropped.map((c) => c.connectionId) };
}

/**
 * `$disconnect`, a 410 from the management API, or a revoked session: forgets the connection and, when it
 * was the user's last live one, publishes `PresenceChanged` offline. Safe to call twice.
 */
export async function disconnect(
  deps: PresenceDeps,
  input: { userId: string; connectionId: string },
): Promise<{ wentOffline: boolean }> {
  const now = deps.clock.now();
  const result = await deps.connections.remove(input.userId, input.connectionId, now);
  if (result.wentOffline) await announce(deps, input.userId, 'offline', now);
  return result;
}
