import { createHash } from 'node:crypto';
import { ConversationCreated } from '@parley/events/messaging';
import { InvalidConversation, InvalidCursor, TooManyMembers } from './errors.ts';
import { type Conversation, type ConversationKind, hasNotAccepted, isMember, LIMITS } from './model.ts';
import { afterWrite, newEvent, publishStep } from './outbox.ts';
import { acceptIfPending } from './request-answers.ts';

export { type ConversationDeps, detailedView };

import { type ConversationDeps, detailedView } from './conversation-deps.ts';
import { pendingAmong } from './requests.ts';
import { requireRegistered } from './users.ts';
import { type ConversationView, conversationView, memberConversation, unreadCount } from './views.ts';

/**
 * The id of the direct conversation between two people: the same pair (in any order) always
 * gets the same id, so a conditional create makes concurrent "start a chat" requests converge.
 */
export function directConversationId(a: string, b: string): string {
  const [first, second] = [a, b].sort();
  return `d_${createHash('sha256').update(`${first}\n${second}`).digest('base64url').slice(0, 32)}`;
}

/**
 * Starts a conversation. One other person and no title (or `kind: "direct"`) makes a direct
 * conversation, returned as it is when the two already have one (`created: false`); anything
 * else makes a group whose creator is its first admin. The caller is always a member; every
 * other member must be someone identity registered (`UnknownUser` otherwise).
 */
export async function createConversation(
  deps: ConversationDeps,
  input: {
    callerId: string;
    memberIds: readonly string[];
    title?: string;
    kind?: Extract<ConversationKind, 'direct' | 'group'>;
  },
): Promise<{ conversation: ConversationView; created: boolean }> {
  const others = [...new Set(input.memberIds)].filter((id) => id !== input.callerId);
  if (others.length === 0) throw new InvalidConversation('Name at least one other person in memberIds.');
  const kind = input.kind ?? (others.length === 1 && !input.title ? 'direct' : 'group');
  if (kind === 'direct' && (others.length !== 1 || input.title)) {
    throw new InvalidConversation('A direct conversation has exactly one other person and no title.');
  }
  const memberIds = [input.callerId, ...others];
  if (memberIds.length > LIMITS.maxMembers) {
    throw new TooManyMembers(`A conversation has at most ${LIMITS.maxMembers} members, you included.`);
  }
  // the caller is a person (their token says so); everyone else must be one too
  await requireRegistered(deps.users, others);
  const id = kind === 'direct' ? directConversationId(input.callerId, others[0] as string) : deps.ids.id();
  if (kind === 'direct') {
    const existing = await deps.conversations.get(id);
    // opening a chat with someone whose request you had not accepted (or had declined) accepts it
    if (existing) return { conversation: await existingDirect(deps, existing, input.callerId), created: false };
  }
  const pendingIds = await pendingAmong(deps, { kind, adderId: input.callerId, userIds: others });
  const now = deps.clock.now().toISOString();
  const conversation: Conversation = {
    id,
    kind,
    ...(input.title ? { title: input.title } : {}),
    createdBy: input.callerId,
    createdAt: now,
    memberIds,
    adminIds: kind === 'group' ? [input.callerId] : [],
    membersVersion: 1,
    seqAllocated: 0,
    lastActivityAt: now,
    ...(pendingIds.length ? { pendingIds } : {}),
  };
  const created = newEvent(
    deps,
    ConversationCreated,
    {
      conversationId: id,
      kind,
      ...(conversation.title ? { title: conversation.title } : {}),
      createdBy: input.callerId,
      createdAt: now,
      memberIds,
      adminIds: conversation.adminIds,
      ...(pendingIds.length ? { pendingIds } : {}),
    },
    memberIds,
  );
  if ((await deps.conversations.create(conversation, [created])) === 'exists') {
    // Lost the race to create the same direct conversation: answer with the winner's.
    const winner = await memberConversation(deps.conversations, id, input.callerId);
    return { conversation: await summarize(deps, winner, input.callerId), created: false };
  }
  await afterWrite(deps, {
    inbox: () => deps.members.ensure(id, memberIds, now),
    publish: publishStep(deps.relay, [created]),
  });
  return {
    conversation: conversationView(conversation, { userId: input.callerId, lastReadSeq: 0, unreadCount: 0 }),
    created: true,
  };
}

async function existingDirect(
  deps: ConversationDeps,
  conversation: Conversation,
  callerId: string,
): Promise<ConversationView> {
  if (hasNotAccepted(conversation, callerId)) {
    const accepted = await acceptIfPending(deps, conversation, callerId);
    if (accepted) return accepted;
  }
  return summarize(deps, conversation, callerId);
}

async function summarize(
  deps: ConversationDeps,
  conversation: Conversation,
  userId: string,
): Promise<ConversationView> {
  const me = await deps.members.get(conversation.id, userId);
  const lastReadSeq = me?.lastReadSeq ?? 0;
  return conversationView(conversation, {
    userId,
    lastReadSeq,
    unreadCount: await unreadCount(deps.messages, conversation, userId, lastReadSeq),
    ...(me ? { state: me } : {}),
  });
}

/** One conversation with every member's read marker (read receipts). Members only. */
export async function getConversation(
  deps: Pick<ConversationDeps, 'conversations' | 'members' | 'messages'>,
  input: { callerId: string; conversationId: string },
): Promise<ConversationView> {
  const conversation = await memberConversation(deps.conversations, input.conversationId, input.callerId);
  return detailedView(deps, conversation, input.callerId);
}

/**
 * The list's order: pinned first, then newest activity (the conversation's own: messages write no
 * per-member entry, ADR 0023), then id. Clients sort what they hold the same way.
 */
export function listOrder(a: ListPosition, b: ListPosition): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  return b.lastActivityAt.localeCompare(a.lastActivityAt) || a.id.localeCompare(b.id);
}

/** A conversation's place in `listOrder` (where a page ended, in a cursor). */
type ListPosition = Pick<ConversationView, 'pinned' | 'lastActivityAt' | 'id'>;

/** Whose list a cursor pages: a cursor is refused for anyone else (a short hash, not the id). */
const cursorOwner = (userId: string) => createHash('sha256').update(`list#${userId}`).digest('base64url').slice(0, 12);

function encodeListCursor(view: ConversationView, userId: string): string {
  const position = { pinned: view.pinned, lastActivityAt: view.lastActivityAt, id: view.id, u: cursorOwner(userId) };
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

function decodeListCursor(cursor: string, userId: string): ListPosition {
  const invalid = new InvalidCursor('The cursor is not one this API gave out.');
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  const p = position as (Partial<ListPosition> & { u?: unknown }) | null;
  if (
    typeof p !== 'object' ||
    p === null ||
    typeof p.pinned !== 'boolean' ||
    typeof p.lastActivityAt !== 'string' ||
    typeof p.id !== 'string' ||
    p.id.length === 0 ||
    p.id.length > 200 ||
    p.lastActivityAt.length > 40 ||
    p.u !== cursorOwner(userId) ||
    Object.keys(p).length !== 4
  ) {
    throw invalid;
  }
  return { pinned: p.pinned, lastActivityAt: p.lastActivityAt, id: p.id };
}

/**
 * The caller's conversations, pinned first, then newest activity, each with its last message and
 * unread count. Derived on read (ADR 0023): the caller's entries (one Query), their conversations
 * (BatchGet, 100 a request), sorted; unread counts only for the page shown. An entry whose
 * conversation no longer lists the caller is skipped, and so is a request they declined.
 */
export async function listConversations(
  deps: Pick<ConversationDeps, 'conversations' | 'members' | 'messages'>,
  input: { callerId: string; limit: number; cursor?: string },
): Promise<{ items: ConversationView[]; nextCursor: string | null }> {
  const after = input.cursor ? decodeListCursor(input.cursor, input.callerId) : undefined;
  const entries = await deps.members.ofUser(input.callerId);
  const byId = new Map((await deps.conversations.getMany(entries.map((m) => m.conversationId))).map((c) => [c.id, c]));
  const listed = entries.flatMap((entry) => {
    const conversation = byId.get(entry.conversationId);
    // a declined request is hidden from the one who declined it
    if (!conversation || !isMember(conversation, input.callerId)) return [];
    if ((conversation.declinedIds ?? []).includes(input.callerId)) return [];
    // unread counted below, for the page only
    const view = conversationView(conversation, {
      userId: input.callerId,
      lastReadSeq: entry.lastReadSeq,
      unreadCount: 0,
      state: entry,
    });
    return [{ view, conversation, entry }];
  });
  listed.sort((a, b) => listOrder(a.view, b.view));
  const start = after ? listed.findIndex(({ view }) => listOrder(view, after) > 0) : 0;
  const page = start < 0 ? [] : listed.slice(start, start + input.limit);
  const items = await Promise.all(
    page.map(async ({ view, conversation, entry }) => ({
      ...view,
      unreadCount: await unreadCount(deps.messages, conversation, input.callerId, entry.lastReadSeq),
    })),
  );
  const more = start >= 0 && start + input.limit < listed.length;
  const last = items.at(-1);
  return { items, nextCursor: more && last ? encodeListCursor(last, input.callerId) : null };
}
