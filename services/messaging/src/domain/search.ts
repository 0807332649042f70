import { ConversationNotFound, InvalidCursor } from './errors.ts';
import { consumeLimit, type LimitDeps } from './limits.ts';
import { type Conversation, isMember, type Message } from './model.ts';
import type { ConversationRepository, MemberRepository } from './ports.ts';
import type { SearchIndex, SearchPosition } from './search-ports.ts';
import { type Highlight, highlights, leadPrefix, matchesAll, queryTerms, snippet } from './search-text.ts';
import { memberConversation } from './views.ts';

/** Answers per page; index entries one search reads at most (its cost ceiling, ADR 0019). */
export const SEARCH_LIMITS = { maxPageSize: 50, defaultPageSize: 20, scanBudget: 2000, scanPage: 500 } as const;

export interface SearchDeps extends LimitDeps {
  conversations: ConversationRepository;
  members: MemberRepository;
  search: SearchIndex;
}

export interface SearchHit {
  conversationId: string;
  messageId: string;
  seq: number;
  senderId: string;
  sentAt: string;
  /** the text, or a window of it around the first matched word */
  text: string;
  highlights: Highlight[];
}

export interface SearchPage {
  /** newest first */
  items: SearchHit[];
  /** more may match past this point (a page can be short, even empty, when the read budget ran out) */
  nextCursor: string | null;
}

/** Someone sees a conversation's messages in search when they may read them: a member who did not decline it. */
export const seesInSearch = (conversation: Conversation, userId: string): boolean =>
  isMember(conversation, userId) && !(conversation.declinedIds ?? []).includes(userId);

/**
 * Message search over the caller's conversations (ADR 0019): word-prefix, case- and
 * accent-insensitive, every word required, newest first. Reads the index partition of the query's
 * longest word, keeps entries of conversations in the caller's inbox, checks those conversations
 * (strongly consistent: membership decides, as on every route) and then each message itself, so a
 * deleted message, an old text of an edited one, or a conversation the caller left never matches.
 * History is not restricted by join time, as `GET …/messages` is not. Counted by the search limit.
 */
export async function searchMessages(
  deps: SearchDeps,
  input: { callerId: string; q: string; conversationId?: string; cursor?: string; limit: number },
): Promise<SearchPage> {
  const terms = queryTerms(input.q);
  const lead = leadPrefix(terms);
  if (!lead) return { items: [], nextCursor: null };
  const scope = input.conversationId ?? '';
  const before = input.cursor !== undefined ? decodeCursor(input.cursor, lead, scope) : undefined;
  await consumeLimit(deps, 'search', input.callerId);
  const visible = await visibleConversations(deps, input.callerId, input.conversationId);
  const allowed = new Map<string, boolean>();
  const items: SearchHit[] = [];
  let position = before;
  let scanned = 0;
  let exhausted = false;

  while (items.length < input.limit && scanned < SEARCH_LIMITS.scanBudget) {
    const size = Math.min(SEARCH_LIMITS.scanPage, SEARCH_LIMITS.scanBudget - scanned);
    const page = await deps.search.scan(lead, { ...(position ? { before: position } : {}), limit: size });
    scanned += page.length;
    const candidates = page.filter((e) => visible.has(e.conversationId));
    await checkConversations(deps, input.callerId, candidates, allowed);
    const wanted = candidates.filter((e) => allowed.get(e.conversationId));
    // read the messages a few at a time, in order, so a page that fills early reads no more
    let next = 0;
    for (let i = 0; i < page.length && items.length < input.limit; ) {
      const need = Math.max(input.limit - items.length, 10);
      const batch = wanted.slice(next, next + need);
      next += batch.length;
      const found = new Map((await deps.search.messages(batch)).map((m) => [key(m), m]));
      const until = batch.length ? page.indexOf(batch.at(-1) as SearchPosition) : page.length - 1;
      for (; i <= until && items.length < input.limit; i++) {
        const entry = page[i] as SearchPosition;
        position = entry;
        const message = found.get(key(entry));
        if (message && isHit(message, terms)) items.push(hitOf(message, terms));
      }
    }
    if (page.length < size) {
      exhausted = position === page.at(-1) || page.length === 0;
      break;
    }
  }
  return { items, nextCursor: exhausted || !position ? null : encodeCursor(position, lead, scope) };
}

const key = (m: { conversationId: string; seq: number }) => `${m.conversationId}#${m.seq}`;

const isHit = (message: Message, terms: readonly string[]): boolean =>
  !message.deletedAt && message.text !== null && matchesAll(message.text, terms);

function hitOf(message: Message, terms: readonly string[]): SearchHit {
  const text = message.text ?? '';
  const shown = snippet(text, highlights(text, terms));
  return {
    conversationId: message.conversationId,
    messageId: message.id,
    seq: message.seq,
    senderId: message.senderId,
    sentAt: message.sentAt,
    text: shown.text,
    highlights: shown.highlights,
  };
}

/**
 * The conversations whose entries are worth checking: the one asked for (a member's, else 404), or
 * the caller's inbox (derived data: it only narrows; `checkConversations` decides).
 */
async function visibleConversations(deps: SearchDeps, callerId: string, conversationId?: string): Promise<Set<string>> {
  if (conversationId !== undefined) {
    const conversation = await memberConversation(deps.conversations, conversationId, callerId);
    if (!seesInSearch(conversation, callerId)) {
      throw new ConversationNotFound('No such conversation, or you are not a member of it.');
    }
    return new Set([conversationId]);
  }
  return new Set((await deps.members.ofUser(callerId)).map((m) => m.conversationId));
}

/** Reads each conversation not checked yet (one BatchGet) and records whether the caller sees it. */
async function checkConversations(
  deps: SearchDeps,
  callerId: string,
  entries: readonly SearchPosition[],
  allowed: Map<string, boolean>,
): Promise<void> {
  const unknown = [...new Set(entries.map((e) => e.conversationId))].filter((id) => !allowed.has(id));
  if (unknown.length === 0) return;
  for (const id of unknown) allowed.set(id, false);
  for (const c of await deps.conversations.getMany(unknown)) allowed.set(c.id, seesInSearch(c, callerId));
}

interface CursorBody {
  p: string;
  c: string;
  s: string;
  i: string;
  q: number;
}

/** Where the next page starts, bound to the query's index partition and scope. */
export function encodeCursor(at: SearchPosition, lead: string, scope: string): string {
  const body: CursorBody = { p: lead, c: scope, s: at.sentAt, i: at.conversationId, q: at.seq };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** A cursor this search gave out for the same query and scope; anything else is InvalidCursor. */
export function decodeCursor(cursor: string, lead: string, scope: string): SearchPosition {
  const invalid = () => new InvalidCursor('The cursor is not one this search gave out.');
  let body: Partial<CursorBody>;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const wellFormed =
    typeof body === 'object' &&
    body !== null &&
    body.p === lead &&
    body.c === scope &&
    typeof body.s === 'string' &&
    !Number.isNaN(Date.parse(body.s)) &&
    typeof body.i === 'string' &&
    /^[A-Za-z0-9_-]{1,64}$/.test(body.i) &&
    Number.isInteger(body.q) &&
    (body.q as number) > 0;
  if (!wellFormed) throw invalid();
  return { sentAt: body.s as string, conversationId: body.i as string, seq: body.q as number };
}
