import { MembersChanged } from '@parley/events/messaging';
import { type ConversationDeps, detailedView } from './conversations.ts';
import { ConcurrentUpdate, DirectConversationIsFixed, MemberNotFound, NotAnAdmin, TooManyMembers } from './errors.ts';
import { type Conversation, isMember, LIMITS } from './model.ts';
import { afterWrite, newEvent, publishStep } from './outbox.ts';
import { requireRegistered } from './users.ts';
import { type ConversationView, memberConversation } from './views.ts';

const ATTEMPTS = 3;

/**
 * Adds people to a group. Who may: any member (a group is a shared room, as in most chat apps).
 * People already in it are ignored; a direct conversation cannot change (start a group instead).
 * Everyone added must be someone identity registered (`UnknownUser` otherwise).
 */
export async function addMembers(
  deps: ConversationDeps,
  input: { callerId: string; conversationId: string; userIds: readonly string[] },
): Promise<ConversationView> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const conversation = await memberConversation(deps.conversations, input.conversationId, input.callerId);
    if (conversation.kind === 'direct')
      throw new DirectConversationIsFixed('A direct conversation has two members, always.');
    const added = [...new Set(input.userIds)].filter((id) => !isMember(conversation, id));
    if (added.length === 0) return detailedView(deps, conversation, input.callerId);
    const memberIds = [...conversation.memberIds, ...added];
    if (memberIds.length > LIMITS.maxMembers) {
      throw new TooManyMembers(`A conversation has at most ${LIMITS.maxMembers} members.`);
    }
    if (attempt === 0) await requireRegistered(deps.users, added);
    const result = await change(deps, conversation, {
      memberIds,
      adminIds: conversation.adminIds,
      added,
      removed: [],
      by: input.callerId,
    });
    if (result) return result;
  }
  throw new ConcurrentUpdate('The members changed while you were adding people. Try again.');
}

/**
 * Removes someone from a group. Who may: a member removes themselves (leaves); an admin removes
 * anyone. When the last admin leaves, the longest-standing remaining member becomes admin.
 */
export async function removeMember(
  deps: ConversationDeps,
  input: { callerId: string; conversationId: string; userId: string },
): Promise<void> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const conversation = await memberConversation(deps.conversations, input.conversationId, input.callerId);
    if (conversation.kind === 'direct')
      throw new DirectConversationIsFixed('A direct conversation has two members, always.');
    if (!isMember(conversation, input.userId))
      throw new MemberNotFound('That person is not a member of this conversation.');
    if (input.userId !== input.callerId && !conversation.adminIds.includes(input.callerId)) {
      throw new NotAnAdmin('Only an admin can remove other people; anyone can leave.');
    }
    const memberIds = conversation.memberIds.filter((id) => id !== input.userId);
    let adminIds = conversation.adminIds.filter((id) => id !== input.userId);
    // memberIds keeps join order, so its first entry is the longest-standing member.
    if (adminIds.length === 0 && memberIds.length > 0) adminIds = [memberIds[0] as string];
    const result = await change(deps, conversation, {
      memberIds,
      adminIds,
      added: [],
      removed: [input.userId],
      by: input.callerId,
    });
    if (result) return;
  }
  throw new ConcurrentUpdate('The members changed while you were removing someone. Try again.');
}

async function change(
  deps: ConversationDeps,
  conversation: Conversation,
  next: { memberIds: string[]; adminIds: string[]; added: string[]; removed: string[]; by: string },
): Promise<ConversationView | undefined> {
  const now = deps.clock.now().toISOString();
  const event = newEvent(
    deps,
    MembersChanged,
    {
      conversationId: conversation.id,
      memberIds: next.memberIds,
      adminIds: next.adminIds,
      added: next.added,
      removed: next.removed,
      changedBy: next.by,
      changedAt: now,
      membersVersion: conversation.membersVersion + 1,
    },
    // The people removed hear about it too, so their clients drop the conversation.
    [...next.memberIds, ...next.removed],
  );
  const changed = await deps.conversations.changeMembers(
    {
      conversationId: conversation.id,
      memberIds: next.memberIds,
      adminIds: next.adminIds,
      expectedVersion: conversation.membersVersion,
    },
    [event],
  );
  if (!changed) return undefined;
  await afterWrite(deps, {
    ...(next.added.length ? { inbox: () => deps.members.touch(conversation.id, next.added, now) } : {}),
    ...(next.removed.length ? { removeInbox: () => deps.members.remove(conversation.id, next.removed) } : {}),
    publish: publishStep(deps.relay, [event]),
  });
  const updated = {
    ...conversation,
    memberIds: next.memberIds,
    adminIds: next.adminIds,
    membersVersion: conversation.membersVersion + 1,
  };
  return detailedView(deps, updated, next.by);
}
