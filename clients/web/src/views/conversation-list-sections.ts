import type { Conversation } from '../lib/model.ts';

/** Most conversations one person pins (the server refuses a sixth: `too_many_pinned`). */
export const MAX_PINNED = 5;

/**
 * The list's sections from the store's order (newest activity first): pinned ones on top, then the
 * rest, and the archived ones apart (shown under "Archived (N)"). A pinned archived one is archived.
 */
export function listSections(
  order: readonly string[],
  conversations: Record<string, Conversation>,
): { pinned: string[]; rest: string[]; archived: string[] } {
  const pinned: string[] = [];
  const rest: string[] = [];
  const archived: string[] = [];
  for (const id of order) {
    const c = conversations[id];
    if (!c) continue;
    if (c.archived) archived.push(id);
    else if (c.pinned) pinned.push(id);
    else rest.push(id);
  }
  return { pinned, rest, archived };
}

/** Unread messages across conversations, muted ones left out (the total badge and the tab title). */
export function unreadTotal(conversations: Record<string, Conversation>): number {
  return Object.values(conversations).reduce((sum, c) => sum + (c.muted ? 0 : c.unreadCount), 0);
}
