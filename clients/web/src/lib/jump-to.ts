import type { ConversationStore } from './conversation-store.ts';
import type { Message } from './model.ts';
import type { Timeline } from './timeline.ts';

/** What to bring into view: a message by seq (a route, a reply that carries it) or by id. */
export type JumpTarget = { seq: number } | { messageId: string };

/** The loaded message a target names, if it is loaded. */
export function findTarget(timeline: Timeline | undefined, target: JumpTarget): Message | undefined {
  return timeline?.messages.find((m) =>
    'seq' in target ? m.state === 'sent' && m.seq === target.seq : m.id === target.messageId,
  );
}

/** Is there no point in loading further back: the target is loaded, or lies above the beginning? */
function settled(timeline: Timeline, target: JumpTarget): boolean {
  if (findTarget(timeline, target)) return true;
  if (!timeline.hasOlder) return true;
  return 'seq' in target && timeline.oldestSeq > 0 && timeline.oldestSeq <= target.seq;
}

/** Resolves once `ready(timeline)` holds (checked at once, then on every change), or after `ms`. */
function when(
  store: ConversationStore,
  id: string,
  ready: (t: Timeline) => boolean,
  ms: number,
): Promise<Timeline | undefined> {
  return new Promise((resolve) => {
    const check = () => {
      const t = store.state.get().timelines[id];
      if (!t || !ready(t)) return false;
      done(t);
      return true;
    };
    let off = () => {};
    const timer = setTimeout(() => done(store.state.get().timelines[id]), ms);
    const done = (t: Timeline | undefined) => {
      clearTimeout(timer);
      off();
      resolve(t);
    };
    if (!check()) off = store.state.subscribe(check);
  });
}

/**
 * Loads older pages (`beforeSeq`, the store's page size) until the target message is loaded, the
 * beginning is reached or `maxPages` were read: jumping to a replied-to message or a search hit
 * that lies further back than the newest page. Returns the message, or undefined if it is not
 * there (deleted long ago, or out of reach).
 */
export async function loadUntilFound(
  store: ConversationStore,
  conversationId: string,
  target: JumpTarget,
  { maxPages = 40, waitMs = 15_000 }: { maxPages?: number; waitMs?: number } = {},
): Promise<Message | undefined> {
  let timeline = await when(store, conversationId, (t) => t.loaded && !t.loadingOlder, waitMs);
  for (let page = 0; timeline && !settled(timeline, target) && page < maxPages; page++) {
    const before = timeline.oldestSeq;
    await store.loadOlder(conversationId);
    timeline = await when(store, conversationId, (t) => !t.loadingOlder, waitMs);
    if (!timeline || timeline.oldestSeq === before) break; // nothing came back: stop rather than spin
  }
  return findTarget(store.state.get().timelines[conversationId], target);
}
