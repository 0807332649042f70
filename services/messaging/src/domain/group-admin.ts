import { ConversationRenamed } from '@parley/events/messaging';
import { type ConversationDeps, detailedView } from './conversation-deps.ts';
import {
  ConcurrentUpdate,
  ConversationNotFound,
  DirectConversationIsFixed,
  MemberNotFound,
  NotAnAdmin,
} from './errors.ts';
import { change } from './members.ts';
import { audienceOf, isMember } from './model.ts';
import { afterWrite, newEvent, publishStep } from './outbox.ts';
import { type ConversationView, memberConversation } from './views.ts';

const ATTEMPTS = 3;

/**
 * Gives a group a new title. Who may: any member, as in Slack (a group is a shared room: any
 * member also adds people); a direct conversation has no title (`DirectConversationIsFixed`).
 * Announced as `messaging.ConversationRenamed` to the members, so their lists follow live; the
 * same title again changes nothing and announces nothing.
 */
export async function renameConversation(
  deps: ConversationDeps,
  input: { callerId: string; conversationId: string; title: string },
): Promise<ConversationView> {
  const conversation = await memberConversation(deps.conversations, input.conversationId, input.callerId);
  if (conversation.kind !== 'group') throw new DirectConversationIsFixed('A direct conversation has no title.');
  const title = input.title.trim();
  if (title === conversation.title) return detailedView(deps, conversation, input.callerId);
  const renamedAt = deps.clock.now().toISOString();
  const event = newEvent(
    deps,
    ConversationRenamed,
    {
      conversationId: conversation.id,
      title,
      ...(conversation.title ? { previousTitle: conversation.title } : {}),
      renamedBy: input.callerId,
      renamedAt,
    },
    audienceOf(conversation),
  );
  // the write is conditional on the caller still being a member (they may have been removed meanwhile)
  if (!(await deps.conversations.rename({ conversationId: conversation.id, title, byUserId: input.callerId }, [event])))
    throw new ConversationNotFound('No such conversation, or you are not a member of it.');
  await afterWrite(deps, { publish: publishStep(deps.relay, [event]) });
  return detailedView(deps, { ...conversation, title }, input.callerId);
}

/**
 * Makes a member an admin of a group. Who may: an admin. Announced as a `MembersChanged` (same
 * members, one more admin) under the same optimistic `membersVersion` as every membership change;
 * someone who is already an admin changes nothing.
 */
export async function makeAdmin(
  deps: ConversationDeps,
  input: { callerId: string; conversationId: string; userId: string },
): Promise<ConversationView> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const conversation = await memberConversation(deps.conversations, input.conversationId, input.callerId);
    if (conversation.kind !== 'group') throw new DirectConversationIsFixed('A direct conversation has no admins.');
    if (!conversation.adminIds.includes(input.callerId))
      throw new NotAnAdmin('Only an admin can make someone an admin.');
    if (!isMember(conversation, input.userId))
      throw new MemberNotFound('That person is not a member of this conversation.');
    if (conversation.adminIds.includes(input.userId)) return detailedView(deps, conversation, input.callerId);
    const result = await change(deps, conversation, {
      memberIds: conversation.memberIds,
      adminIds: [...conversation.adminIds, input.userId],
      added: [],
      removed: [],
      by: input.callerId,
    });
    if (result) return result;
  }
  throw new ConcurrentUpdate('The members changed while you were making someone an admin. Try again.');
}
