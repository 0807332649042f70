import { coMembersOf } from './connections.ts';
import type { BlockStore, Clock, ConnectionStore, ContactStore, MembershipStore } from './ports.ts';

export interface PresenceView {
  userId: string;
  status: 'online' | 'offline';
  /** now for an online user; the last disconnect for an offline one; null if never seen */
  lastSeenAt: string | null;
}

export interface PresenceQueryDeps {
  connections: ConnectionStore;
  membership: MembershipStore;
  contacts: ContactStore;
  blocks: BlockStore;
  clock: Clock;
}

/** Most user ids one presence query may ask about. */
export const MAX_PRESENCE_QUERY = 100;

/**
 * `GET /presence?userIds=`: the presence of the asked users the viewer may see: themselves, people who
 * share with them a conversation those people accepted, and people who added the viewer as a contact
 * (the mirror of `presenceAudience`), never across a block. Anyone else is left out of the answer (not
 * reported offline), so the reply neither lies nor tells whether a stranger exists or is online.
 */
export async function getPresence(
  deps: PresenceQueryDeps,
  input: { viewerId: string; userIds: readonly string[] },
): Promise<PresenceView[]> {
  const asked = [...new Set(input.userIds)];
  const [peers, addedMe, blocked] = await Promise.all([
    coMembersOf(deps, input.viewerId, 'peer'),
    deps.contacts.watchersOf(input.viewerId),
    deps.blocks.blockedAround(input.viewerId),
  ]);
  const visible = asked.filter(
    (id) => id === input.viewerId || (!blocked.has(id) && (peers.has(id) || addedMe.includes(id))),
  );
  const now = deps.clock.now();
  const records = await deps.connections.getMany(visible, now);
  return visible.map((userId) => {
    const record = records.get(userId);
    const online = (record?.connections.length ?? 0) > 0;
    return {
      userId,
      status: online ? 'online' : 'offline',
      lastSeenAt: online ? now.toISOString() : (record?.lastSeenAt ?? null),
    };
  });
}
