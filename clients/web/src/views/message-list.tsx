import { Loader2 } from 'lucide-react';
import { Fragment, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Button } from '../components/ui/button.tsx';
import { dayKey, dayLabel } from '../lib/format.ts';
import { useConversations, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import { type JumpTarget, loadUntilFound } from '../lib/jump-to.ts';
import type { Conversation, Message, ReplyPreview } from '../lib/model.ts';
import { newMessagesBelow } from '../lib/new-messages.ts';
import { lastLoadedSeq } from '../lib/timeline.ts';
import { captureReadMark, type ReadMark, type UnreadDivider, unreadDivider } from '../lib/unread-divider.ts';
import { MessageItem } from './message-item.tsx';
import { NewMessagesButton } from './new-messages-button.tsx';
import { UnreadDividerLine } from './unread-divider-line.tsx';

const GROUP_WINDOW_MS = 5 * 60_000;
const NEAR_TOP_PX = 240;
const NEAR_BOTTOM_PX = 96;
/** how long a message jumped to stays highlighted */
const HIGHLIGHT_MS = 2_500;

/** The day of the messages at the top of the list: the last day separator scrolled out above it. */
function dayAbove(el: HTMLElement): string | undefined {
  const top = el.getBoundingClientRect().top;
  let day: string | undefined;
  for (const separator of el.querySelectorAll<HTMLElement>('[data-day]')) {
    const box = separator.getBoundingClientRect();
    if (box.height > 0 && box.bottom <= top + 1) day = separator.dataset.day;
    else if (box.height > 0) break;
  }
  return day;
}

/**
 * My read marker as the chat opened, taken before opening marks the chat read: at once when the
 * conversation is known, else the moment it arrives (a chat opened by its link on a fresh load).
 */
function useReadMark(conversationId: string): ReadMark | undefined {
  const { conversations, me } = useWorkspace();
  const [mark, setMark] = useState(() =>
    captureReadMark(conversations.state.get().conversations[conversationId], me.id),
  );
  const taken = useRef(Boolean(conversations.state.get().conversations[conversationId]));
  useEffect(() => {
    if (taken.current) return;
    const take = () => {
      const conversation = conversations.state.get().conversations[conversationId];
      if (!conversation || taken.current) return;
      taken.current = true;
      setMark(captureReadMark(conversation, me.id));
    };
    const off = conversations.state.subscribe(take);
    take();
    return off;
  }, [conversations, conversationId, me.id]);
  return mark;
}

/**
 * The history of one conversation: scrolls back on demand, stays pinned to the newest message (also
 * when the list gets shorter, as when the composer grows with an attachment). The day of the
 * messages at the top shows in a strip of its own above the list, so it never covers a message.
 * Opening a chat with unread messages shows the "N unread messages" line above the first one and
 * scrolls to it; scrolled up, new messages show a "N new messages ↓" button; a reply's quote, or
 * `targetSeq` (the route's `/m/<seq>`), brings a message into view, loading older pages as needed,
 * and highlights it.
 */
export function MessageList({
  conversationId,
  targetSeq,
  onTargetShown,
  onReply,
  onEdit,
}: {
  conversationId: string;
  /** a message to bring into view (the route's seq) */
  targetSeq?: number;
  /** the target was shown (or is not there): the route can drop it */
  onTargetShown?: () => void;
  onReply: (m: Message) => void;
  onEdit: (m: Message) => void;
}) {
  const { conversations, me } = useWorkspace();
  const { t, locale } = useT();
  const timeline = useConversations((s) => s.timelines[conversationId]);
  const conversation = useConversations((s) => s.conversations[conversationId]);
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLOListElement>(null);
  const pinned = useRef(true);
  const anchor = useRef<{ oldestSeq: number; height: number; top: number } | undefined>(undefined);
  const [topDay, setTopDay] = useState<string>();
  const mark = useReadMark(conversationId);
  const placed = useRef<UnreadDivider | undefined>(undefined);
  const dividerShown = useRef(false);
  /** the newest seq loaded when the person scrolled away from the bottom (undefined: at the bottom) */
  const [awaySince, setAwaySince] = useState<number>();
  const [highlight, setHighlight] = useState<{ seq: number; at: number }>();
  const [jump, setJump] = useState<'finding' | 'not-found'>();

  const loadOlder = useCallback(() => {
    const el = scroller.current;
    if (!el || !timeline?.hasOlder || timeline.loadingOlder) return;
    anchor.current = { oldestSeq: timeline.oldestSeq, height: el.scrollHeight, top: el.scrollTop };
    void conversations.loadOlder(conversationId).catch(() => undefined);
  }, [conversations, conversationId, timeline]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    if (pinned.current) setAwaySince(undefined);
    else setAwaySince((since) => since ?? (timeline ? lastLoadedSeq(timeline) : 0));
    setTopDay(dayAbove(el));
    if (el.scrollTop < NEAR_TOP_PX) loadOlder();
  };

  // Keep the reading position when older messages are added above; follow new ones when at the bottom.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !timeline) return;
    const kept = anchor.current;
    const line = dividerShown.current ? null : el.querySelector<HTMLElement>('[data-testid="unread-divider"]');
    if (kept && timeline.oldestSeq !== kept.oldestSeq) {
      el.scrollTop = el.scrollHeight - kept.height + kept.top;
      anchor.current = undefined;
    } else if (line) {
      // First sight of the unread line: bring it to the top, the unread messages below it.
      dividerShown.current = true;
      el.scrollTop += line.getBoundingClientRect().top - el.getBoundingClientRect().top - 8;
      pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
      if (!pinned.current) setAwaySince(lastLoadedSeq(timeline));
    } else if (pinned.current) {
      el.scrollTop = el.scrollHeight;
    }
    if (el.scrollHeight <= el.clientHeight && timeline.hasOlder && !timeline.loadingOlder) loadOlder();
    setTopDay(dayAbove(el));
  }, [timeline, loadOlder]);

  // Images load after layout, and the list shrinks when the composer grows: stay at the bottom.
  useEffect(() => {
    const el = scroller.current;
    if (!el || !content.current || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (pinned.current) el.scrollTop = el.scrollHeight;
      setTopDay(dayAbove(el));
    });
    observer.observe(content.current);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a newly opened conversation starts at its newest message
  useEffect(() => {
    pinned.current = true;
  }, [conversationId]);

  /** Brings a message into view: loads older pages until it is there, then scrolls to it and highlights it. */
  const jumpTo = useCallback(
    async (target: JumpTarget) => {
      pinned.current = false;
      setJump('finding');
      const found = await loadUntilFound(conversations, conversationId, target).catch(() => undefined);
      setJump(found ? undefined : 'not-found');
      if (found) setHighlight({ seq: found.seq, at: Date.now() });
    },
    [conversations, conversationId],
  );

  const onJumpToReply = useCallback(
    (reply: ReplyPreview) => void jumpTo(reply.seq ? { seq: reply.seq } : { messageId: reply.messageId }),
    [jumpTo],
  );

  // The route names a message (a search hit, a shared link): show it, then let the route forget it.
  useEffect(() => {
    if (!targetSeq) return;
    void jumpTo({ seq: targetSeq }).finally(() => onTargetShown?.());
  }, [targetSeq, jumpTo, onTargetShown]);

  useLayoutEffect(() => {
    if (!highlight) return;
    const node = content.current?.querySelector<HTMLElement>(`[data-testid="message"][data-seq="${highlight.seq}"]`);
    node?.scrollIntoView?.({ block: 'center' });
    node?.focus({ preventScroll: true });
    const el = scroller.current;
    if (el) pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    const timer = setTimeout(() => setHighlight(undefined), HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [highlight]);

  useEffect(() => {
    if (jump !== 'not-found') return;
    const timer = setTimeout(() => setJump(undefined), 4_000);
    return () => clearTimeout(timer);
  }, [jump]);

  const toBottom = () => {
    const el = scroller.current;
    if (!el) return;
    pinned.current = true;
    el.scrollTop = el.scrollHeight;
    setAwaySince(undefined);
    const items = content.current?.querySelectorAll<HTMLElement>('[data-testid="message"][tabindex="0"]');
    items?.[items.length - 1]?.focus({ preventScroll: true });
  };

  const messages = timeline?.messages ?? [];
  const receipt = readReceipt(messages, conversation, me.id);
  // The line stays where it was first drawn: older pages loading above must not move it out of sight.
  if (!placed.current && timeline?.loaded) placed.current = unreadDivider(messages, mark, me.id);
  const divider = placed.current;
  const below = newMessagesBelow(messages, awaySince, me.id);

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div className="flex h-8 shrink-0 items-center justify-center" aria-hidden="true" data-testid="day-strip">
        {topDay ? <DayPill>{topDay}</DayPill> : null}
      </div>
      <div className="pointer-events-none absolute inset-x-0 top-9 z-10 flex justify-center" role="status">
        {jump ? (
          <span
            className="rounded-full border bg-background px-3 py-1 text-xs font-medium shadow-sm"
            data-testid="jump-status"
          >
            {jump === 'finding' ? t('reading.finding') : t('reading.notFound')}
          </span>
        ) : null}
      </div>
      <div
        ref={scroller}
        onScroll={onScroll}
        className="min-h-0 flex-1 overflow-y-auto px-3 pt-0 outline-none md:px-6"
        tabIndex={-1}
        data-testid="message-list"
      >
        <div className="mx-auto flex max-w-3xl flex-col">
          {timeline?.hasOlder ? (
            <div className="flex justify-center py-2">
              {timeline.loadingOlder ? (
                <span className="flex items-center gap-2 text-xs text-muted-foreground">
                  <Loader2 className="size-3 animate-spin" aria-hidden="true" />
                  {t('chat.loadingOlder')}
                </span>
              ) : (
                <Button variant="ghost" size="sm" onClick={loadOlder}>
                  {t('chat.loadOlder')}
                </Button>
              )}
            </div>
          ) : timeline?.loaded && messages.length > 0 ? (
            <p className="py-4 text-center text-xs text-muted-foreground">{t('chat.beginning')}</p>
          ) : null}
          {timeline?.loaded && messages.length === 0 ? (
            <p className="py-16 text-center text-sm text-muted-foreground">{t('chats.noMessages')}</p>
          ) : null}
          <ol ref={content} className="flex flex-col pb-2" aria-label={t('chat.messages')} data-testid="messages">
            {messages.map((m, i) => {
              const prev = messages[i - 1];
              const newDay = !prev || dayKey(prev.sentAt) !== dayKey(m.sentAt);
              const continued =
                !newDay &&
                prev?.senderId === m.senderId &&
                new Date(m.sentAt).getTime() - new Date(prev.sentAt).getTime() < GROUP_WINDOW_MS;
              const day = newDay
                ? dayLabel(m.sentAt, locale, { today: t('chat.today'), yesterday: t('chat.yesterday') })
                : undefined;
              return (
                <Fragment key={m.clientMessageId ?? m.id}>
                  {day ? (
                    <li className="flex justify-center py-3" data-day={day} data-testid="day-separator">
                      <DayPill>{day}</DayPill>
                    </li>
                  ) : null}
                  {divider?.messageId === m.id ? <UnreadDividerLine count={divider.count} /> : null}
                  <MessageItem
                    highlighted={highlight?.seq === m.seq && m.state === 'sent'}
                    onJumpToReply={onJumpToReply}
                    message={m}
                    mine={m.senderId === me.id}
                    showSender={!continued && conversation?.kind === 'group' && m.senderId !== me.id}
                    continued={continued}
                    receipt={receipt?.messageId === m.id ? receipt.label(t) : undefined}
                    onReply={onReply}
                    onEdit={onEdit}
                  />
                </Fragment>
              );
            })}
          </ol>
        </div>
      </div>
      {awaySince !== undefined && below > 0 ? <NewMessagesButton count={below} onClick={toBottom} /> : null}
    </div>
  );
}

function DayPill({ children }: { children: string }) {
  return (
    <span className="rounded-full border bg-background px-3 py-0.5 text-xs font-medium text-muted-foreground shadow-xs">
      {children}
    </span>
  );
}

/** "Seen" (or "Seen by N") under my newest message that others have read. */
function readReceipt(messages: Message[], conversation: Conversation | undefined, me: string) {
  if (!conversation) return undefined;
  const lastMine = [...messages].reverse().find((m) => m.senderId === me && m.state === 'sent' && !m.deleted);
  if (!lastMine) return undefined;
  const readers = conversation.memberIds.filter((id) => id !== me && (conversation.readSeqs[id] ?? 0) >= lastMine.seq);
  if (readers.length === 0) return undefined;
  return {
    messageId: lastMine.id,
    label: (t: ReturnType<typeof useT>['t']) =>
      conversation.kind === 'direct' ? t('chat.seen') : t('chat.seenBy', { count: readers.length }),
  };
}
