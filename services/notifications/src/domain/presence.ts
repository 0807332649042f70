import { coMembersOf } from './connections.ts';
import type { Clock, ConnectionStore, ContactStore, MembershipStore } from './ports.ts';

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
  clock: Clock;
}

/** Most user ids one presence query may ask about. */
export const MAX_PRESENCE_QUERY = 100;

/**
 * `GET /presence?userIds=`: the presence of the asked users the viewer may see: themselves, people who
 * share a conversation with them, and their contacts. Anyone else is left out of the answer (not
 * reported offline), so the reply neither lies nor tells whether a stranger exists or is online.
 */
export async function getPresence(
  deps: PresenceQueryDeps,
  input: { viewerId: string; userIds: readonly string[] },
): Promise<PresenceView[]> {
  const asked = [...new Set(input.userIds)];
  const [peers, contacts] = await Promise.all([
    coMembersOf(deps, input.viewerId),
    deps.contacts.contactsOf(input.viewerId),
  ]);
  const visible = asked.filter((id) => id === input.viewerId || peers.has(id) || contacts.includes(id));
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
