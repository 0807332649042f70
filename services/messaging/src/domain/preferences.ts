import type { ConversationDeps } from './conversation-deps.ts';
import { detailedView } from './conversation-deps.ts';
import { TooManyPinned } from './errors.ts';
import { isArchived } from './preference-state.ts';
import { type ConversationView, memberConversation } from './views.ts';

export { isArchived, type Preferences, preferencesOf } from './preference-state.ts';

/** How many conversations one person may pin (as WhatsApp: a few at the top, not a second list). */
export const MAX_PINNED = 5;

/**
 * Mutes, archives or pins a conversation for the caller alone: stored on their own inbox entry,
 * never shown to the other members and announcing nothing. Members only (others: not found).
 * Pinning a sixth conversation is refused (`TooManyPinned`); unmuting an archived conversation
 * keeps it archived (its archive time moves to now, so the messages that came while it was muted
 * do not unarchive it at once).
 */
export async function setPreferences(
  deps: Pick<ConversationDeps, 'conversations' | 'members' | 'messages' | 'clock'>,
  input: { callerId: string; conversationId: string; muted?: boolean; archived?: boolean; pinned?: boolean },
): Promise<ConversationView> {
  const conversation = await memberConversation(deps.conversations, input.conversationId, input.callerId);
  const current = await deps.members.get(conversation.id, input.callerId);
  const now = deps.clock.now().toISOString();
  if (input.pinned === true && current?.pinned !== true) {
    const pinned = await deps.members.pinned(input.callerId);
    if (pinned.filter((id) => id !== conversation.id).length >= MAX_PINNED) {
      throw new TooManyPinned(`You can pin at most ${MAX_PINNED} conversations. Unpin one first.`);
    }
  }
  const muted = input.muted ?? current?.muted === true;
  const wasArchived = isArchived(current, conversation.lastActivityAt);
  const archived = input.archived ?? wasArchived;
  let archivedAt: string | null = null;
  if (archived) archivedAt = wasArchived && input.muted !== false ? (current?.archivedAt ?? now) : now;
  await deps.members.setPreferences(conversation.id, input.callerId, {
    muted,
    pinned: input.pinned ?? current?.pinned === true,
    archivedAt,
  });
  return detailedView(deps, conversation, input.callerId);
}
