import { encodeFrame } from '@parley/realtime/encode';
import { GatewayFrameType } from '@parley/realtime/frames';
import { coMembersOf, MAX_AUDIENCE } from './connections.ts';
import { type FanOutDeps, type FanOutResult, sendToUsers } from './fan-out.ts';

/** The public fields whose change others see at once (identity's `changed` names them). */
const PUBLIC_FIELDS = new Set(['displayName', 'statusMessage', 'avatar']);

/**
 * `identity.ProfileUpdated`, the public part: tells the people who show this person's name (anyone in a
 * conversation with them, and people who have them as a contact), never across a block, with a
 * `profile` frame of public fields only (the event also carries the mobile number and locale). The
 * frame's id is the event's, so a redelivered event is dropped by the clients.
 */
export async function announceProfile(
  deps: FanOutDeps & { blocks: { blockedAround(userId: string): Promise<Set<string>> } },
  input: {
    eventId: string;
    occurredAt: string;
    userId: string;
    displayName: string;
    statusMessage?: string;
    changed: readonly string[];
  },
): Promise<FanOutResult | undefined> {
  const changed = input.changed.filter((c) => PUBLIC_FIELDS.has(c));
  if (changed.length === 0) return undefined;
  const [peers, watchers, blocked] = await Promise.all([
    coMembersOf(deps, input.userId, 'any'),
    deps.contacts.watchersOf(input.userId),
    deps.blocks.blockedAround(input.userId),
  ]);
  for (const w of watchers) if (w !== input.userId) peers.add(w);
  const audience = [...peers].filter((id) => !blocked.has(id)).slice(0, MAX_AUDIENCE);
  if (audience.length === 0) return undefined;
  const payload = encodeFrame({
    id: input.eventId,
    type: GatewayFrameType.profile,
    v: 1,
    at: input.occurredAt,
    data: {
      userId: input.userId,
      displayName: input.displayName,
      ...(input.statusMessage !== undefined ? { statusMessage: input.statusMessage } : {}),
      changed,
    },
  });
  return sendToUsers(deps, audience, payload);
}
