import { MembersChanged } from '@parley/events/messaging';
import { type ConversationDeps, detailedView } from './conversation-deps.ts';
import { ConcurrentUpdate, DirectConversationIsFixed, MemberNotFound, NotAnAdmin, TooManyMembers } from './errors.ts';
import { type Conversation, isMember, LIMITS } from './model.ts';
import { afterWrite, newEvent, publishStep } from './outbox.ts';
import { pendingAmong } from './requests.ts';
import { requireRegistered } from './users.ts';
import { type ConversationView, memberConversation } from './views.ts';

const ATTEMPTS = 3;

/**
 * Adds people to a group. Who may: any member (a group is a shared room, as in most chat apps).
 * People already in it are ignored; a direct conversation cannot change (start a group instead).
 * Everyone added must be someone identity registered (`UnknownUser` otherwise). Someone who does not
 * have the caller as a contact, or who left this group before, gets it as a request (`pendingIds`);
 * someone who blocked the caller cannot be added (`Blocked`).
 */
export async function addMembers(
  deps: ConversationDeps,
  input: { callerId: string; conversationId: string; userIds: readonly string[] },
): Promise<ConversationView> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const conversation = await memberConversation(deps.conversations, input.conversationId, input.callerId);
    if (conversation.kind !== 'group')
      throw new DirectConversationIsFixed('A direct conversation has two members, always.');
    const added = [...new Set(input.userIds)].filter((id) => !isMember(conversation, id));
    if (added.length === 0) return detailedView(deps, conversation, input.callerId);
    const memberIds = [...conversation.memberIds, ...added];
    if (memberIds.length > LIMITS.maxMembers) {
      throw new TooManyMembers(`A conversation has at most ${LIMITS.maxMembers} members.`);
    }
    if (attempt === 0) await requireRegistered(deps.users, added);
    const pending = await pendingAmong(deps, { kind: 'group', adderId: input.callerId, userIds: added, conversation });
    const result = await change(deps, conversation, {
      memberIds,
      adminIds: conversation.adminIds,
      pendingIds: [...(conversation.pendingIds ?? []), ...pending],
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
    if (conversation.kind !== 'group')
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
    const leaving = input.userId === input.callerId;
    const result = await change(deps, conversation, {
      memberIds,
      adminIds,
      pendingIds: (conversation.pendingIds ?? []).filter((id) => id !== input.userId),
      // someone who left is asked again if added back; someone an admin removed is not
      leftIds: leaving
        ? [...new Set([...(conversation.leftIds ?? []), input.userId])].slice(-LIMITS.maxMembers)
        : (conversation.leftIds ?? []),
      added: [],
      removed: [input.userId],
      by: input.callerId,
    });
    if (result) return;
  }
  throw new ConcurrentUpdate('The members changed while you were removing someone. Try again.');
}

/**
 * Writes a membership change (members, admins, who has not accepted, who left) if nobody changed the
 * membership meanwhile, with its `MembersChanged`; undefined when someone did (the caller retries).
 */
export async function change(
  deps: ConversationDeps,
  conversation: Conversation,
  proposed: {
    memberIds: string[];
    adminIds: string[];
    pendingIds?: string[];
    declinedIds?: string[];
    leftIds?: string[];
    added: string[];
    removed: string[];
    by: string;
  },
): Promise<ConversationView | undefined> {
  const stillMember = (id: string) => proposed.memberIds.includes(id);
  const next = {
    ...proposed,
    pendingIds: (proposed.pendingIds ?? conversation.pendingIds ?? []).filter(stillMember),
    declinedIds: (proposed.declinedIds ?? conversation.declinedIds ?? []).filter(stillMember),
    leftIds: proposed.leftIds ?? conversation.leftIds ?? [],
  };
  const notAccepted = [...next.pendingIds, ...next.declinedIds];
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
      ...(notAccepted.length ? { pendingIds: notAccepted } : {}),
    },
    // The people removed hear about it too, so their clients drop the conversation; those who declined do not.
    [...next.memberIds.filter((id) => !next.declinedIds.includes(id) || id === next.by), ...next.removed],
  );
  const changed = await deps.conversations.changeMembers(
    {
      conversationId: conversation.id,
      memberIds: next.memberIds,
      adminIds: next.adminIds,
      pendingIds: next.pendingIds,
      declinedIds: next.declinedIds,
      leftIds: next.leftIds,
      expectedVersion: conversation.membersVersion,
    },
    [event],
  );
  if (!changed) return undefined;
  await afterWrite(deps, {
    ...(next.added.length ? { inbox: () => deps.members.ensure(conversation.id, next.added, now) } : {}),
    ...(next.removed.length ? { removeInbox: () => deps.members.remove(conversation.id, next.removed) } : {}),
    publish: publishStep(deps.relay, [event]),
  });
  const updated: Conversation = {
    ...conversation,
    memberIds: next.memberIds,
    adminIds: next.adminIds,
    pendingIds: next.pendingIds,
    declinedIds: next.declinedIds,
    leftIds: next.leftIds,
    membersVersion: conversation.membersVersion + 1,
  };
  return detailedView(deps, updated, next.by);
}

/**
 * Makes sure every member of a conversation has an inbox entry (the list reads them: ADR 0023).
 * Requests write entries right after they commit; this is the repair, run for each
 * ConversationCreated and MembersChanged, so an entry whose write failed appears all the same.
 * One Query; a write only for a member without an entry. Idempotent by its effect.
 */
export async function ensureInboxEntries(
  deps: Pick<ConversationDeps, 'members'>,
  input: { conversationId: string; memberIds: readonly string[]; at: string },
): Promise<number> {
  const have = new Set((await deps.members.list(input.conversationId)).map((m) => m.userId));
  const missing = input.memberIds.filter((id) => !have.has(id));
  if (missing.length) await deps.members.ensure(input.conversationId, missing, input.at);
  return missing.length;
}
