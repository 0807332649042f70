import type { MemberState } from './model.ts';

/** A member's own choices for one conversation, as their views show them. */
export interface Preferences {
  muted: boolean;
  archived: boolean;
  pinned: boolean;
}

/**
 * Whether the conversation is archived for this member now. Archiving records when; a message that
 * arrives later brings it back to the list unless the member muted it (WhatsApp's rule: a muted
 * archived chat stays archived). Computed on read, so a send writes nothing extra.
 */
export function isArchived(
  state: Pick<MemberState, 'archivedAt' | 'muted'> | undefined,
  lastActivityAt: string | undefined,
): boolean {
  if (!state?.archivedAt) return false;
  if (state.muted) return true;
  return !lastActivityAt || lastActivityAt <= state.archivedAt;
}

/**
 * The preferences a member's inbox entry holds (all false when it has none), against the
 * conversation's own last activity (the entry is not touched by messages: ADR 0023).
 */
export function preferencesOf(state: MemberState | undefined, lastActivityAt: string | undefined): Preferences {
  return {
    muted: state?.muted === true,
    archived: isArchived(state, lastActivityAt),
    pinned: state?.pinned === true,
  };
}
