import { type ConversationDeps, detailedView } from './conversation-deps.ts';
import { ConcurrentUpdate, NotARequest } from './errors.ts';
import { change, removeMember } from './members.ts';
import { type Conversation, hasNotAccepted } from './model.ts';
import { type ConversationView, memberConversation } from './views.ts';

/** Rounds of accepting against concurrent membership changes (members of a new group accept at once). */
const ATTEMPTS = 10;

/**
 * `POST /conversations/{id}/accept`: the caller accepts a message request (or a group they were added
 * to): the others now see their presence and read receipts, and SMS digests may follow. Replying or
 * starting a chat with the requester accepts too. Idempotent.
 */
export async function acceptConversation(
  deps: ConversationDeps,
  input: { callerId: string; conversationId: string },
): Promise<ConversationView> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const conversation = await memberConversation(deps.conversations, input.conversationId, input.callerId);
    const accepted = await acceptIfPending(deps, conversation, input.callerId);
    if (accepted) return accepted;
  }
  throw new ConcurrentUpdate('The conversation changed while you were accepting it. Try again.');
}

/** The accepted view, or undefined when a concurrent membership change won (retry). */
export async function acceptIfPending(
  deps: ConversationDeps,
  conversation: Conversation,
  userId: string,
): Promise<ConversationView | undefined> {
  if (!hasNotAccepted(conversation, userId)) return detailedView(deps, conversation, userId);
  return change(deps, conversation, {
    memberIds: conversation.memberIds,
    adminIds: conversation.adminIds,
    pendingIds: (conversation.pendingIds ?? []).filter((id) => id !== userId),
    declinedIds: (conversation.declinedIds ?? []).filter((id) => id !== userId),
    added: [],
    removed: [],
    by: userId,
  });
}

/**
 * `POST /conversations/{id}/decline`: the caller declines a request. A group is left (adding them again
 * asks again); a direct conversation is hidden from them and nothing of it reaches them any more, and
 * the sender is not told. Starting a chat with that person later brings it back, accepted. Only a
 * conversation the caller has not accepted can be declined (`NotARequest` otherwise).
 */
export async function declineConversation(
  deps: ConversationDeps,
  input: { callerId: string; conversationId: string },
): Promise<void> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const conversation = await memberConversation(deps.conversations, input.conversationId, input.callerId);
    if ((conversation.declinedIds ?? []).includes(input.callerId)) return;
    if (!hasNotAccepted(conversation, input.callerId))
      throw new NotARequest('Only a request can be declined: leave the group, or block the person, instead.');
    if (conversation.kind === 'group') {
      await removeMember(deps, { callerId: input.callerId, conversationId: conversation.id, userId: input.callerId });
      return;
    }
    const declined = await change(deps, conversation, {
      memberIds: conversation.memberIds,
      adminIds: conversation.adminIds,
      pendingIds: (conversation.pendingIds ?? []).filter((id) => id !== input.callerId),
      declinedIds: [...(conversation.declinedIds ?? []), input.callerId],
      added: [],
      removed: [],
      by: input.callerId,
    });
    if (declined) return;
  }
  throw new ConcurrentUpdate('The conversation changed while you were declining it. Try again.');
}
