import { Blocked } from './errors.ts';
import type { Conversation } from './model.ts';
import type { Relations } from './ports.ts';

/**
 * Consent, in messaging's part (see docs/security.md): a first direct message from someone the
 * recipient does not have as a contact is a message request; so is a group someone is added to by
 * such a person, or one they left and were added to again. A request delivers its messages but shares
 * no presence, no read receipts and no SMS until accepted (explicitly, or by replying). A block, either
 * way, forbids direct messages and being added to groups by the blocked person.
 */
export async function pendingAmong(
  deps: { relations: Relations },
  input: { kind: 'direct' | 'group'; adderId: string; userIds: readonly string[]; conversation?: Conversation },
): Promise<string[]> {
  if (input.userIds.length === 0) return [];
  const relations = await deps.relations.between(input.adderId, input.userIds);
  const blockedEitherWay =
    input.kind === 'direct' ? [...relations.blockUser, ...relations.blockedByUser] : [...relations.blockUser];
  if (blockedEitherWay.length > 0) {
    throw new Blocked(
      input.kind === 'direct' ? 'You cannot message this person.' : 'One of the people named cannot be added by you.',
    );
  }
  const left = input.conversation?.leftIds ?? [];
  return input.userIds.filter((id) => !relations.haveUserAsContact.has(id) || left.includes(id));
}

/** Whether a block (either way) stands between the two members of a direct conversation. */
export async function directBlocked(
  deps: { relations: Relations },
  conversation: Conversation,
  userId: string,
): Promise<boolean> {
  if (conversation.kind !== 'direct') return false;
  const other = conversation.memberIds.find((id) => id !== userId);
  if (!other) return false;
  const relations = await deps.relations.between(userId, [other]);
  return relations.blockUser.size > 0 || relations.blockedByUser.size > 0;
}
