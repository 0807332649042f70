import { encodeFrame } from '@parley/realtime/encode';
import type { FanOutDeps, FanOutResult } from './fan-out.ts';
import { sendToUsers } from './fan-out.ts';
import type { BlockStore } from './ports.ts';

/**
 * `identity.ContactAdded`, told to the person added: identity publishes it with the adder as its only
 * audience (their other devices), so the person added learns of it here, with the same event frame
 * (`{id: eventId, type: 'identity.ContactAdded', v, at, data: {userId, contactId, addedAt}}`): the web
 * client shows "<name> added you as a contact" with "Add back". Never across a block, either way.
 */
export async function announceContactAdded(
  deps: FanOutDeps & { blocks: Pick<BlockStore, 'blockedAround'> },
  input: {
    eventId: string;
    version: number;
    occurredAt: string;
    userId: string;
    contactId: string;
    addedAt: string;
  },
): Promise<FanOutResult | undefined> {
  if (input.userId === input.contactId) return undefined;
  const blocked = await deps.blocks.blockedAround(input.contactId);
  if (blocked.has(input.userId)) return undefined;
  const payload = encodeFrame({
    id: input.eventId,
    type: 'identity.ContactAdded',
    v: input.version,
    at: input.occurredAt,
    data: { userId: input.userId, contactId: input.contactId, addedAt: input.addedAt },
  });
  return sendToUsers(deps, [input.contactId], payload);
}
