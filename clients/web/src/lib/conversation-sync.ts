import type { ClientAction } from '@parley/realtime/frames';
import type { MessagingApi } from './messaging-api.ts';
import type { Conversation, Message } from './model.ts';
import { laterWindowEnd } from './reply-window.ts';
import { createStore, type Store } from './store.ts';
import { emptyTimeline, lastLoadedSeq, mergeMessages, type Timeline } from './timeline.ts';

/**
 * Conversations, their loaded messages, typing and read markers: the state of the chat screens.
 * Frames update it at once; the REST API stays the truth: a `seq` gap, a truncated frame or a
 * reconnect makes the store fetch `?afterSeq=` from the last seq it holds without a hole, and
 * merging by id means a message arriving twice (frame and fetch, or two frames) is shown once.
 */
export interface ConversationsState {
  listStatus: 'idle' | 'loading' | 'ready' | 'error';
  conversations: Record<string, Conversation>;
  /** ids, newest activity first */
  order: string[];
  timelines: Record<string, Timeline>;
  /** conversation id → user id → until when (ms) */
  typing: Record<string, Record<string, number>>;
  activeId?: string;
}

/** What the conversation state needs from outside: the messaging routes, who I am, the socket, the clock. */
export interface ConversationSyncDeps {
  api: MessagingApi;
  me: string;
  /** sends a WebSocket action (typing); false when not connected */
  sendAction: (action: ClientAction) => boolean;
  /** is the active conversation on screen (tab visible)? */
  isVisible?: () => boolean;
  now?: () => number;
}

export const PAGE_SIZE = 50;
/** beyond this many missed messages, reload the newest page instead of walking the gap */
const MAX_GAP_WALK = 500;
const TYPING_SHOWN_MS = 6_000;

/**
 * The conversation state and what keeps it in step with the server: state changes, gap recovery,
 * read markers and typing. It is the part the outbox and the frame handler work on
 * (`outbox.ts`, `conversation-frames.ts`); `ConversationStore` adds what the screens ask for.
 */
/**
 * A conversation as fetched, merged over what this client holds: read markers only move forward,
 * and a reply that left the server before frames this client already applied (its `lastSeq` is
 * older) keeps the newer last message and unread count, so a frame is never counted twice or lost.
 */
function mergeFetched(known: Conversation, fetched: Conversation): Conversation {
  const readSeqs = mergeReads(known.readSeqs, fetched.readSeqs);
  if (known.lastSeq <= fetched.lastSeq) return { ...fetched, readSeqs };
  // a fetch older than the frames applied: a WhatsApp message it has not seen moved the reply window on
  const replyWindowEndsAt = laterWindowEnd(known.replyWindowEndsAt, fetched.replyWindowEndsAt);
  return {
    ...fetched,
    ...(replyWindowEndsAt !== undefined ? { replyWindowEndsAt } : {}),
    readSeqs,
    lastSeq: known.lastSeq,
    activityAt: known.activityAt,
    unreadCount: known.unreadCount,
    ...(known.lastMessage ? { lastMessage: known.lastMessage } : {}),
  };
}

export class ConversationSync {
  readonly state: Store<ConversationsState> = createStore<ConversationsState>({
    listStatus: 'idle',
    conversations: {},
    order: [],
    timelines: {},
    typing: {},
  });
  readonly deps: ConversationSyncDeps;
  private readonly recovering = new Map<string, Promise<void>>();
  private readonly recoverAgain = new Set<string>();
  private readonly fetchingConversation = new Map<string, Promise<void>>();
  /**
   * Per conversation, which messages the unread count already holds: every seq up to `upTo` (the
   * server counted them in the snapshot this client adopted) and the seqs above it this client
   * counted itself, so frames that arrive out of order are each counted once.
   */
  private readonly counted = new Map<string, { upTo: number; seqs: Set<number> }>();

  /** Forgets what was counted above a snapshot the client adopted (the server counted up to its lastSeq). */
  private adopted(before: Conversation | undefined, after: Conversation): void {
    if (!before || before.lastSeq <= after.lastSeq) this.counted.delete(after.id);
  }

  constructor(deps: ConversationSyncDeps) {
    this.deps = deps;
  }

  get me(): string {
    return this.deps.me;
  }

  now(): number {
    return (this.deps.now ?? Date.now)();
  }

  patch(partial: Partial<ConversationsState>): void {
    this.state.set((s) => ({ ...s, ...partial }));
  }

  patchConversation(id: string, partial: Partial<Conversation>): void {
    this.state.set((s) => {
      const c = s.conversations[id];
      return c ? withOrder({ ...s, conversations: { ...s.conversations, [id]: { ...c, ...partial } } }) : s;
    });
  }

  /** Replaces the list with what the server listed, keeping read markers already seen. */
  replaceList(list: Conversation[]): void {
    this.state.set((s) => {
      const conversations: Record<string, Conversation> = {};
      for (const c of list) {
        const known = s.conversations[c.id];
        conversations[c.id] = known ? mergeFetched(known, c) : c;
        this.adopted(known, c);
      }
      return withOrder({ ...s, conversations, listStatus: 'ready' });
    });
    this.catchUp(list);
  }

  upsertConversation(conversation: Conversation): void {
    this.state.set((s) => {
      const known = s.conversations[conversation.id];
      const merged = known ? mergeFetched(known, conversation) : conversation;
      this.adopted(known, conversation);
      return withOrder({ ...s, conversations: { ...s.conversations, [conversation.id]: merged } });
    });
    this.catchUp([conversation]);
  }

  removeConversation(id: string): void {
    this.state.set((s) => {
      const { [id]: _gone, ...conversations } = s.conversations;
      const { [id]: _timeline, ...timelines } = s.timelines;
      return withOrder({ ...s, conversations, timelines, activeId: s.activeId === id ? undefined : s.activeId });
    });
  }

  /** Has the conversation's history arrived (not only messages written here)? */
  isLoaded(id: string): boolean {
    return this.state.get().timelines[id]?.loaded === true;
  }

  setTimeline(id: string, timeline: Timeline): void {
    this.state.set((s) => ({ ...s, timelines: { ...s.timelines, [id]: timeline } }));
  }

  updateTimeline(id: string, change: (t: Timeline) => Timeline): void {
    const current = this.state.get().timelines[id];
    if (current) this.setTimeline(id, change(current));
  }

  /** Loads one conversation (concurrent callers share the request). */
  fetchConversation(id: string): Promise<void> {
    const running = this.fetchingConversation.get(id);
    if (running) return running;
    const run = (async () => {
      const conversation = await this.deps.api.getConversation(id);
      // gone for me: I left (not among the members) or declined it (a frame may come after the decline)
      if (conversation?.declined || (conversation?.memberIds.length && !conversation.memberIds.includes(this.me)))
        this.removeConversation(id);
      else if (conversation) this.upsertConversation(conversation);
    })().finally(() => this.fetchingConversation.delete(id));
    this.fetchingConversation.set(id, run);
    return run;
  }

  /** Fetches everything after the last seq held without a gap (on a gap, truncation or reconnect). */
  recover(id: string): Promise<void> {
    const running = this.recovering.get(id);
    if (running) {
      this.recoverAgain.add(id);
      return running;
    }
    const run = (async () => {
      do {
        this.recoverAgain.delete(id);
        const timeline = this.state.get().timelines[id];
        if (!timeline?.loaded) return;
        const known = this.state.get().conversations[id]?.lastSeq ?? 0;
        if (known - timeline.contiguousSeq > MAX_GAP_WALK) {
          await this.loadLatest(id);
          continue;
        }
        let after = timeline.contiguousSeq;
        for (;;) {
          const { items, hasMore } = await this.deps.api.listMessages(id, { afterSeq: after, limit: PAGE_SIZE });
          const upTo = items[items.length - 1]?.seq ?? after;
          this.updateTimeline(id, (t) => mergeMessages(t, items, upTo));
          this.noteMessages(id, items);
          if (!(hasMore ?? items.length >= PAGE_SIZE) || items.length === 0) break;
          after = upTo;
        }
      } while (this.recoverAgain.has(id));
    })().finally(() => this.recovering.delete(id));
    this.recovering.set(id, run);
    return run;
  }

  /** Loads the newest page, keeping what was written here meanwhile, and walks any gap that leaves. */
  async loadLatest(id: string): Promise<void> {
    const lastSeq = this.state.get().conversations[id]?.lastSeq ?? 0;
    const { items: page, hasMore } = await this.deps.api.listMessages(id, { beforeSeq: lastSeq + 1, limit: PAGE_SIZE });
    const upTo = page[page.length - 1]?.seq ?? lastSeq;
    // Keep what was written here meanwhile: unsent ones, and sent ones newer than this page.
    const kept = this.state.get().timelines[id]?.messages.filter((m) => m.state !== 'sent' || m.seq > upTo) ?? [];
    const hasOlder = hasMore ?? (page[0]?.seq ?? 1) > 1;
    this.setTimeline(id, mergeMessages({ ...emptyTimeline, messages: kept, hasOlder, loaded: true }, page, upTo));
    const timeline = this.state.get().timelines[id] ?? emptyTimeline;
    const known = Math.max(lastSeq, this.state.get().conversations[id]?.lastSeq ?? 0);
    const held = lastLoadedSeq(timeline);
    if (known > upTo || held < known || held > timeline.contiguousSeq) void this.recover(id).catch(() => undefined);
  }

  /** Moves my read marker to the newest seq when the conversation is on screen. */
  async markRead(id: string): Promise<void> {
    const s = this.state.get();
    const conversation = s.conversations[id];
    if (!conversation || s.activeId !== id || !(this.deps.isVisible?.() ?? true)) return;
    const timeline = s.timelines[id];
    const seq = Math.max(conversation.lastSeq, timeline ? lastLoadedSeq(timeline) : 0);
    if (seq === 0 || (conversation.readSeqs[this.me] ?? 0) >= seq) {
      if (conversation.unreadCount) this.patchConversation(id, { unreadCount: 0 });
      return;
    }
    this.patchConversation(id, { unreadCount: 0, readSeqs: { ...conversation.readSeqs, [this.me]: seq } });
    await this.deps.api.markRead(id, seq);
  }

  /** Updates the list entry (last message, seq, unread) for messages that arrived. */
  noteMessages(id: string, messages: Message[]): void {
    const conversation = this.state.get().conversations[id];
    const newest = messages[messages.length - 1];
    if (!conversation || !newest) return;
    const s = this.state.get();
    const onScreen = s.activeId === id && (this.deps.isVisible?.() ?? true);
    const counted = this.counted.get(id) ?? { upTo: conversation.lastSeq, seqs: new Set<number>() };
    this.counted.set(id, counted);
    // counted once each, in whatever order the frames came (a later message's frame may come first)
    const fresh = messages.filter((m) => m.seq > counted.upTo && !counted.seqs.has(m.seq) && m.senderId !== this.me);
    for (const m of messages) if (m.seq > counted.upTo) counted.seqs.add(m.seq);
    if (newest.seq <= conversation.lastSeq) {
      // an older message than the newest shown: one that came out of order counts; one a fetch
      // already brought does not; either way read it if it is on screen (markRead does nothing when
      // the marker is there already)
      if (fresh.length > 0 && !onScreen)
        this.patchConversation(id, { unreadCount: conversation.unreadCount + fresh.length });
      if (onScreen) void this.markRead(id).catch(() => undefined);
      return;
    }
    this.patchConversation(id, {
      lastSeq: newest.seq,
      activityAt: newest.sentAt,
      lastMessage: {
        seq: newest.seq,
        senderId: newest.senderId,
        preview: newest.text.slice(0, 140) || (newest.attachments[0] ? `📎 ${newest.attachments[0].fileName}` : ''),
        sentAt: newest.sentAt,
        deleted: newest.deleted,
        hasAttachments: newest.attachments.length > 0,
      },
      unreadCount: onScreen ? 0 : conversation.unreadCount + fresh.length,
    });
    if (onScreen) void this.markRead(id).catch(() => undefined);
  }

  setTyping(conversationId: string, userId: string, until: number | undefined): void {
    this.state.set((s) => {
      const current = { ...(s.typing[conversationId] ?? {}) };
      if (until === undefined) {
        if (!(userId in current)) return s;
        delete current[userId];
      } else current[userId] = until;
      return { ...s, typing: { ...s.typing, [conversationId]: current } };
    });
    if (until !== undefined) {
      setTimeout(() => {
        if (this.state.get().typing[conversationId]?.[userId] === until)
          this.setTyping(conversationId, userId, undefined);
      }, until - this.now());
    }
  }

  typingUntil(): number {
    return this.now() + TYPING_SHOWN_MS;
  }

  /** A loaded timeline behind what the server says the conversation holds fetches the rest. */
  private catchUp(conversations: Conversation[]): void {
    const { timelines } = this.state.get();
    for (const c of conversations) {
      const timeline = timelines[c.id];
      if (timeline?.loaded && c.lastSeq > timeline.contiguousSeq) void this.recover(c.id).catch(() => undefined);
    }
  }
}

function mergeReads(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [id, seq] of Object.entries(b)) out[id] = Math.max(out[id] ?? 0, seq);
  return out;
}

function withOrder(s: ConversationsState): ConversationsState {
  const order = Object.values(s.conversations)
    .sort((a, b) => (a.activityAt < b.activityAt ? 1 : a.activityAt > b.activityAt ? -1 : a.id.localeCompare(b.id)))
    .map((c) => c.id);
  const same = order.length === s.order.length && order.every((id, i) => id === s.order[i]);
  return same ? s : { ...s, order };
}
