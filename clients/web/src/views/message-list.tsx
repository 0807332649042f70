import { Loader2 } from 'lucide-react';
import { Fragment, useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { Button } from '../components/ui/button.tsx';
import { dayKey, dayLabel } from '../lib/format.ts';
import { useConversations, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import type { Conversation, Message } from '../lib/model.ts';
import { MessageItem } from './message-item.tsx';

const GROUP_WINDOW_MS = 5 * 60_000;
const NEAR_TOP_PX = 240;
const NEAR_BOTTOM_PX = 96;

/** The history of one conversation: scrolls back on demand, stays pinned to the newest message. */
export function MessageList({
  conversationId,
  onReply,
  onEdit,
}: {
  conversationId: string;
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
    if (el.scrollTop < NEAR_TOP_PX) loadOlder();
  };

  // Keep the reading position when older messages are added above; follow new ones when at the bottom.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !timeline) return;
    const kept = anchor.current;
    if (kept && timeline.oldestSeq !== kept.oldestSeq) {
      el.scrollTop = el.scrollHeight - kept.height + kept.top;
      anchor.current = undefined;
    } else if (pinned.current) {
      el.scrollTop = el.scrollHeight;
    }
    if (el.scrollHeight <= el.clientHeight && timeline.hasOlder && !timeline.loadingOlder) loadOlder();
  }, [timeline, loadOlder]);

  // Images load after layout: stay at the bottom while they do.
  useEffect(() => {
    const el = scroller.current;
    if (!el || !content.current || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (pinned.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(content.current);
    return () => observer.disconnect();
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a newly opened conversation starts at its newest message
  useEffect(() => {
    pinned.current = true;
  }, [conversationId]);

  const messages = timeline?.messages ?? [];
  const receipt = readReceipt(messages, conversation, me.id);

  return (
    <div
      ref={scroller}
      onScroll={onScroll}
      className="min-h-0 flex-1 overflow-y-auto px-3 pt-4 md:px-6"
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
            return (
              <Fragment key={m.clientMessageId ?? m.id}>
                {newDay ? (
                  <li className="sticky top-0 z-10 flex justify-center py-3" aria-hidden="false">
                    <span className="rounded-full border bg-background/95 px-3 py-0.5 text-xs font-medium text-muted-foreground shadow-xs">
                      {dayLabel(m.sentAt, locale, { today: t('chat.today'), yesterday: t('chat.yesterday') })}
                    </span>
                  </li>
                ) : null}
                <MessageItem
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
