import type { Message, Reaction } from './model.ts';

/**
 * One conversation's loaded messages: a window of the history, sorted by `seq`, each message once.
 * Pure functions: the conversation store keeps timelines immutable and swaps them.
 */
export interface Timeline {
  /** sent messages by seq, then pending or failed ones in the order they were written */
  messages: Message[];
  /** every seq from the window's start up to this one is loaded (the gap detector's mark) */
  contiguousSeq: number;
  /** lowest loaded seq (0 when none) */
  oldestSeq: number;
  hasOlder: boolean;
  loadingOlder: boolean;
  /**
   * false while only messages written here are held (sent before the history arrived): frames,
   * gap walks and catch-ups wait for the history, which then keeps these messages.
   */
  loaded: boolean;
}

export const emptyTimeline: Timeline = {
  messages: [],
  contiguousSeq: 0,
  oldestSeq: 0,
  hasOlder: false,
  loadingOlder: false,
  loaded: false,
};

const isSent = (m: Message) => m.state === 'sent';

/**
 * Merges messages in: the same id (or the pending copy with the same clientMessageId) is replaced,
 * never duplicated; the order is by seq. `upTo` marks that the server has sent everything up to that
 * seq (after a REST fetch), so the gap mark may jump over seqs that do not exist.
 */
export function mergeMessages(timeline: Timeline, incoming: Message[], upTo?: number): Timeline {
  if (incoming.length === 0 && upTo === undefined) return timeline;
  const byId = new Map<string, Message>();
  const pending: Message[] = [];
  const arrivedClientIds = new Set(incoming.flatMap((m) => (m.clientMessageId ? [m.clientMessageId] : [])));
  for (const m of timeline.messages) {
    if (isSent(m)) byId.set(m.id, m);
    else if (!m.clientMessageId || !arrivedClientIds.has(m.clientMessageId)) pending.push(m);
  }
  // The REST copy is the truth (frames only add messages not held yet: see conversation-frames.ts),
  // but a delivery only moves forward: an older snapshot does not take back a frame's "delivered".
  for (const m of incoming) byId.set(m.id, furtherDelivery(m, byId.get(m.id)));
  const sent = [...byId.values()].sort((a, b) => a.seq - b.seq);
  let contiguous = Math.max(timeline.contiguousSeq, upTo ?? 0);
  for (const m of sent) {
    if (m.seq === contiguous + 1) contiguous = m.seq;
  }
  const oldest = sent[0]?.seq ?? timeline.oldestSeq;
  return { ...timeline, messages: [...sent, ...pending], contiguousSeq: contiguous, oldestSeq: oldest };
}

const DELIVERY_RANK = { sent: 1, delivered: 2, failed: 3 } as const;

/** `next` with the delivery of `held` when that one is further along (sent < delivered; failed is final). */
export function furtherDelivery(next: Message, held: Message | undefined): Message {
  const rank = (m: Message | undefined) => (m?.delivery ? DELIVERY_RANK[m.delivery.status] : 0);
  return held?.delivery && rank(held) > rank(next) ? { ...next, delivery: held.delivery } : next;
}

/** Adds a message written here, before the server has it. */
export function addPending(timeline: Timeline, message: Message): Timeline {
  return { ...timeline, messages: [...timeline.messages, message] };
}

/** Changes one message (found by id or clientMessageId). */
export function updateMessage(timeline: Timeline, key: string, change: (m: Message) => Message): Timeline {
  let hit = false;
  const messages = timeline.messages.map((m) => {
    if (m.id !== key && m.clientMessageId !== key) return m;
    hit = true;
    return change(m);
  });
  return hit ? { ...timeline, messages } : timeline;
}

/** Applies a reaction change; `count` from the server wins when given. */
export function applyReaction(
  reactions: Reaction[],
  change: { emoji: string; on: boolean; mine: boolean; count?: number; userId?: string },
): Reaction[] {
  const current = reactions.find((r) => r.emoji === change.emoji);
  const count = change.count ?? Math.max(0, (current?.count ?? 0) + (change.on ? 1 : -1));
  const mine = change.mine ? change.on : (current?.mine ?? false);
  // who reacted (the chip's list of people), kept only while known
  const known = current ? current.userIds : [];
  const others = known?.filter((id) => id !== change.userId);
  const userIds = others && change.userId ? (change.on ? [...others, change.userId] : others) : undefined;
  const people = userIds ? { userIds } : {};
  const next = current
    ? reactions.map((r) => (r.emoji === change.emoji ? { ...r, count, mine, ...people } : r))
    : [...reactions, { emoji: change.emoji, count, mine, ...people }];
  return next.filter((r) => r.count > 0);
}

/** Highest seq loaded. */
export function lastLoadedSeq(timeline: Timeline): number {
  let max = 0;
  for (const m of timeline.messages) if (isSent(m) && m.seq > max) max = m.seq;
  return max;
}

/**
 * The seq up to which my messages count as read (✓✓): the furthest read marker of any other member
 * (the "Seen" / "Seen by N" receipt's definition). Every message of mine at or below it shows read.
 */
export function readThrough(
  conversation: { memberIds: string[]; readSeqs: Record<string, number> } | undefined,
  me: string,
): number {
  if (!conversation) return 0;
  let seq = 0;
  for (const id of conversation.memberIds) if (id !== me) seq = Math.max(seq, conversation.readSeqs[id] ?? 0);
  return seq;
}
