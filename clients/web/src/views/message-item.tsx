import { AlertCircle, Check, CheckCheck, MoreHorizontal, Pencil, Reply, SmilePlus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../components/ui/button.tsx';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '../components/ui/dropdown-menu.tsx';
import { Popover, PopoverContent, PopoverTrigger } from '../components/ui/popover.tsx';
import { clockTime } from '../lib/format.ts';
import { useDisplayName, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import type { Message } from '../lib/model.ts';
import { cn } from '../lib/utils.ts';
import { AttachmentView } from './attachment-view.tsx';

export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '😮', '🙏'] as const;

interface MessageItemProps {
  message: Message;
  mine: boolean;
  showSender: boolean;
  continued: boolean;
  receipt?: string;
  onReply: (m: Message) => void;
  onEdit: (m: Message) => void;
}

/** One message bubble with its quote, attachments, reactions and actions (on hover or keyboard focus). */
export function MessageItem({ message: m, mine, showSender, continued, receipt, onReply, onEdit }: MessageItemProps) {
  const { conversations } = useWorkspace();
  const { t, locale } = useT();
  const sender = useDisplayName(m.senderId);
  const [reacting, setReacting] = useState(false);
  const react = (emoji: string) => {
    setReacting(false);
    void conversations.toggleReaction(m.conversationId, m.id, emoji).catch(() => undefined);
  };
  const sent = m.state === 'sent' && !m.deleted;

  return (
    <li
      className={cn('group flex flex-col', mine ? 'items-end' : 'items-start', continued ? 'mt-0.5' : 'mt-3')}
      data-testid="message"
      data-seq={m.seq}
      data-state={m.state}
    >
      {showSender ? <span className="mb-1 px-3 text-xs font-medium text-muted-foreground">{sender}</span> : null}
      <div className={cn('flex max-w-[85%] items-center gap-1 md:max-w-[70%]', mine && 'flex-row-reverse')}>
        <div
          className={cn(
            'min-w-0 rounded-2xl px-3.5 py-2 text-[0.9375rem] leading-relaxed shadow-xs',
            mine ? 'bg-bubble-mine text-bubble-mine-foreground' : 'bg-bubble-theirs text-foreground',
            mine ? 'rounded-br-md' : 'rounded-bl-md',
            m.deleted && 'bg-transparent text-muted-foreground italic shadow-none ring-1 ring-border',
            m.state === 'pending' && 'opacity-70',
          )}
        >
          {m.replyTo && !m.deleted ? <Quote reply={m.replyTo} mine={mine} /> : null}
          {m.attachments.length ? (
            <div className="mb-1 flex flex-col gap-1.5">
              {m.attachments.map((a) => (
                <AttachmentView key={a.id} attachment={a} mine={mine} uploaded={m.state === 'sent'} />
              ))}
            </div>
          ) : null}
          {m.deleted ? (
            <span>{t('chat.deleted')}</span>
          ) : m.text ? (
            <p className="break-words whitespace-pre-wrap" data-testid="message-text">
              {m.text}
            </p>
          ) : null}
          <span
            className={cn(
              'mt-0.5 flex items-center justify-end gap-1 text-[0.6875rem]',
              mine && !m.deleted ? 'text-teal-50' : 'text-muted-foreground',
            )}
          >
            {m.editedAt && !m.deleted ? <span>{t('chat.edited')} ·</span> : null}
            <time dateTime={m.sentAt}>{clockTime(m.sentAt, locale)}</time>
            {mine && m.state === 'sent' && !m.deleted ? (
              receipt ? (
                <CheckCheck className="size-3.5" aria-hidden="true" />
              ) : (
                <Check className="size-3.5" aria-hidden="true" />
              )
            ) : null}
          </span>
        </div>
        {sent ? (
          <div className="flex shrink-0 items-center opacity-0 transition-opacity group-hover:opacity-100 focus-within:opacity-100 has-[[data-state=open]]:opacity-100">
            <Popover open={reacting} onOpenChange={setReacting}>
              <PopoverTrigger asChild>
                <Button variant="ghost" size="icon-sm" aria-label={t('chat.react')} title={t('chat.react')}>
                  <SmilePlus aria-hidden="true" />
                </Button>
              </PopoverTrigger>
              <PopoverContent className="flex gap-1 rounded-full p-1" side="top">
                {QUICK_REACTIONS.map((emoji) => (
                  <button
                    key={emoji}
                    type="button"
                    className="rounded-full p-1.5 text-lg leading-none hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
                    onClick={() => react(emoji)}
                    aria-label={emoji}
                  >
                    {emoji}
                  </button>
                ))}
              </PopoverContent>
            </Popover>
            <Button
              variant="ghost"
              size="icon-sm"
              aria-label={t('chat.reply')}
              title={t('chat.reply')}
              onClick={() => onReply(m)}
            >
              <Reply aria-hidden="true" />
            </Button>
            {mine ? (
              <DropdownMenu>
                <DropdownMenuTrigger asChild>
                  <Button
                    variant="ghost"
                    size="icon-sm"
                    aria-label={t('chat.moreActions')}
                    title={t('chat.moreActions')}
                  >
                    <MoreHorizontal aria-hidden="true" />
                  </Button>
                </DropdownMenuTrigger>
                <DropdownMenuContent align={mine ? 'end' : 'start'}>
                  {m.text ? (
                    <DropdownMenuItem onSelect={() => onEdit(m)}>
                      <Pencil aria-hidden="true" />
                      {t('chat.edit')}
                    </DropdownMenuItem>
                  ) : null}
                  <DropdownMenuItem
                    variant="destructive"
                    onSelect={() => void conversations.remove(m.conversationId, m.id).catch(() => undefined)}
                  >
                    <Trash2 aria-hidden="true" />
                    {t('chat.delete')}
                  </DropdownMenuItem>
                </DropdownMenuContent>
              </DropdownMenu>
            ) : null}
          </div>
        ) : null}
      </div>
      {m.reactions.length ? (
        <ul className={cn('mt-1 flex flex-wrap gap-1', mine ? 'justify-end' : 'justify-start')} data-testid="reactions">
          {m.reactions.map((r) => (
            <li key={r.emoji}>
              <button
                type="button"
                onClick={() => react(r.emoji)}
                aria-pressed={r.mine}
                aria-label={t('chat.reactedWith', { emoji: r.emoji, count: r.count })}
                className={cn(
                  'flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs transition-colors hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none',
                  r.mine ? 'border-teal-300 bg-primary-soft text-primary-soft-foreground' : 'bg-background',
                )}
              >
                <span aria-hidden="true">{r.emoji}</span>
                <span className="font-medium">{r.count}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {m.state === 'pending' ? (
        <span className="mt-0.5 px-1 text-xs text-muted-foreground">{t('chat.sending')}</span>
      ) : null}
      {m.state === 'failed' ? (
        <span className="mt-0.5 flex items-center gap-1 px-1 text-xs text-destructive">
          <AlertCircle className="size-3.5" aria-hidden="true" />
          {t('chat.failed')}
          <Button
            variant="link"
            className="h-auto p-0 text-xs text-destructive"
            onClick={() => void conversations.retry(m.conversationId, m.clientMessageId ?? m.id).catch(() => undefined)}
          >
            {t('chat.retry')}
          </Button>
        </span>
      ) : null}
      {receipt ? (
        <span className="mt-0.5 px-1 text-xs text-muted-foreground" data-testid="read-receipt">
          {receipt}
        </span>
      ) : null}
    </li>
  );
}

function Quote({ reply, mine }: { reply: NonNullable<Message['replyTo']>; mine: boolean }) {
  const name = useDisplayName(reply.senderId);
  return (
    <div
      className={cn(
        'mb-1.5 rounded-lg border-l-4 px-2 py-1 text-xs',
        mine ? 'border-teal-200 bg-teal-800/60 text-teal-50' : 'border-primary bg-background/70 text-muted-foreground',
      )}
    >
      {reply.senderId ? <span className="block font-semibold">{name}</span> : null}
      <span className="line-clamp-2">{reply.preview || '…'}</span>
    </div>
  );
}
