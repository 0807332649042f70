import { AlertCircle, Check, CheckCheck } from 'lucide-react';
import { type KeyboardEvent, useRef, useState } from 'react';
import { Button } from '../components/ui/button.tsx';
import { refusalMessage } from '../lib/errors.ts';
import { clockTime } from '../lib/format.ts';
import { useConversations, useDisplayName, useWorkspace } from '../lib/hooks.ts';
import { type MessageKey, type Translate, useT } from '../lib/i18n.ts';
import { isTextKind, type Message, type ReplyPreview, type TextDelivery } from '../lib/model.ts';
import { readThrough } from '../lib/timeline.ts';
import { cn } from '../lib/utils.ts';
import { AttachmentView } from './attachment-view.tsx';
import { DeleteMessageDialog, MessageActions, useLongPress } from './message-actions.tsx';
import { MessageText } from './message-text.tsx';
import { ReactionChip } from './reaction-chip.tsx';

export { QUICK_REACTIONS } from './message-actions.tsx';

interface MessageItemProps {
  message: Message;
  mine: boolean;
  showSender: boolean;
  continued: boolean;
  receipt?: string;
  /** briefly marked: the message a quote or a link jumped to */
  highlighted?: boolean;
  /** a click on the quote shows the replied-to message */
  onJumpToReply?: (reply: ReplyPreview) => void;
  onReply: (m: Message) => void;
  onEdit: (m: Message) => void;
}

/**
 * One message bubble with its quote, attachments, reactions and actions: on hover, on keyboard
 * focus (the message itself is focusable; the context-menu key or Shift+F10 opens its menu) and on a
 * long-press. ✓✓ on every message of mine the others have read, ✓ on the rest.
 */
export function MessageItem({
  message: m,
  mine,
  showSender,
  continued,
  receipt,
  highlighted,
  onJumpToReply,
  onReply,
  onEdit,
}: MessageItemProps) {
  const { conversations, me } = useWorkspace();
  const { t, locale } = useT();
  const sender = useDisplayName(m.senderId);
  const readUpTo = useConversations((s) => readThrough(s.conversations[m.conversationId], me.id));
  // a text conversation: the phone network's delivery where read ticks go
  const texting = useConversations((s) => isTextKind(s.conversations[m.conversationId]?.kind));
  const [menuOpen, setMenuOpen] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const item = useRef<HTMLLIElement>(null);
  const react = (emoji: string) => {
    void conversations.toggleReaction(m.conversationId, m.id, emoji).catch(() => undefined);
  };
  const sent = m.state === 'sent' && !m.deleted;
  const read = mine && sent && m.seq > 0 && m.seq <= readUpTo;
  const longPress = useLongPress(() => sent && setMenuOpen(true));
  const onKeyDown = (e: KeyboardEvent) => {
    if (!sent || !(e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10'))) return;
    e.preventDefault();
    setMenuOpen(true);
  };

  return (
    <li
      ref={item}
      className={cn(
        'group flex flex-col rounded-lg outline-none transition-colors duration-700 focus-visible:ring-2 focus-visible:ring-ring',
        mine ? 'items-end' : 'items-start',
        continued ? 'mt-0.5' : 'mt-3',
        highlighted && 'bg-primary-soft/70',
      )}
      data-testid="message"
      data-seq={m.seq}
      data-highlighted={highlighted ? 'true' : undefined}
      data-state={m.state}
      tabIndex={sent ? 0 : undefined}
      onKeyDown={onKeyDown}
    >
      {showSender ? <span className="mb-1 px-3 text-xs font-medium text-muted-foreground">{sender}</span> : null}
      <div className={cn('flex max-w-[85%] items-center gap-1 md:max-w-[70%]', mine && 'flex-row-reverse')}>
        <div
          className={cn(
            'flex min-w-0 flex-col rounded-2xl px-3.5 py-2 text-[0.9375rem] leading-relaxed shadow-xs [-webkit-touch-callout:none] pointer-coarse:select-none',
            mine ? 'bg-bubble-mine text-bubble-mine-foreground' : 'bg-bubble-theirs text-foreground',
            mine ? 'rounded-br-md' : 'rounded-bl-md',
            m.deleted && 'bg-transparent text-muted-foreground italic shadow-none ring-1 ring-border',
            m.state === 'pending' && 'opacity-70',
          )}
          data-testid="message-bubble"
          {...longPress}
        >
          {m.replyTo && !m.deleted ? <Quote reply={m.replyTo} mine={mine} onJump={onJumpToReply} /> : null}
          {m.attachments.length ? (
            <div className="mb-1 flex flex-col gap-1.5">
              {m.attachments.map((a) => (
                <AttachmentView
                  key={a.id}
                  attachment={a}
                  conversationId={m.conversationId}
                  mine={mine}
                  uploaded={m.state === 'sent'}
                />
              ))}
            </div>
          ) : null}
          {m.deleted ? <span>{t('chat.deleted')}</span> : m.text ? <MessageText text={m.text} mine={mine} /> : null}
          <span
            className={cn(
              'mt-0.5 flex items-center justify-end gap-1 text-[0.6875rem]',
              mine && !m.deleted ? 'text-teal-50' : 'text-muted-foreground',
            )}
          >
            {m.editedAt && !m.deleted ? <span>{t('chat.edited')} ·</span> : null}
            <time dateTime={m.sentAt}>{clockTime(m.sentAt, locale)}</time>
            {mine && sent && texting ? (
              <DeliveryTick delivery={m.delivery} />
            ) : mine && sent ? (
              read ? (
                <CheckCheck className="size-3.5" role="img" aria-label={t('chat.statusRead')} data-testid="tick-read" />
              ) : (
                <Check className="size-3.5" role="img" aria-label={t('chat.statusSent')} data-testid="tick-sent" />
              )
            ) : null}
          </span>
        </div>
        {sent ? (
          <MessageActions
            message={m}
            mine={mine}
            menuOpen={menuOpen}
            onMenuOpen={setMenuOpen}
            onReact={react}
            onReply={onReply}
            onEdit={onEdit}
            onDelete={() => setDeleting(true)}
          />
        ) : null}
      </div>
      {mine ? (
        <DeleteMessageDialog
          open={deleting}
          onClose={() => setDeleting(false)}
          onConfirm={() => void conversations.remove(m.conversationId, m.id).catch(() => undefined)}
          onClosed={() => item.current?.focus()}
        />
      ) : null}
      {m.reactions.length ? (
        <ul className={cn('mt-1 flex flex-wrap gap-1', mine ? 'justify-end' : 'justify-start')} data-testid="reactions">
          {m.reactions.map((r) => (
            <li key={r.emoji}>
              <ReactionChip reaction={r} onToggle={() => react(r.emoji)} />
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
          {m.failure ? <span data-testid="send-refusal">{refusalMessage(t, m.failure)}</span> : null}
          <Button
            variant="link"
            className="h-auto p-0 text-xs text-destructive"
            onClick={() => void conversations.retry(m.conversationId, m.clientMessageId ?? m.id).catch(() => undefined)}
          >
            {t('chat.retry')}
          </Button>
          <Button
            variant="link"
            className="h-auto p-0 text-xs text-destructive"
            onClick={() => conversations.discard(m.conversationId, m.clientMessageId ?? m.id)}
          >
            {t('compose.discard')}
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

/** The replied-to message's sender and preview; a button that shows the original when `onJump` is given. */
function Quote({
  reply,
  mine,
  onJump,
}: {
  reply: NonNullable<Message['replyTo']>;
  mine: boolean;
  onJump?: (reply: ReplyPreview) => void;
}) {
  const { t } = useT();
  const name = useDisplayName(reply.senderId);
  const className = cn(
    'mb-1.5 block w-full rounded-lg border-l-4 px-2 py-1 text-left text-xs',
    mine ? 'border-teal-200 bg-teal-800/60 text-teal-50' : 'border-primary bg-background/70 text-muted-foreground',
  );
  const body = (
    <>
      {reply.senderId ? <span className="block font-semibold">{name}</span> : null}
      <span className="line-clamp-2">{reply.preview || '…'}</span>
    </>
  );
  if (!onJump) return <div className={className}>{body}</div>;
  return (
    <button
      type="button"
      className={cn(
        className,
        'cursor-pointer hover:brightness-95 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none',
      )}
      onClick={(event) => {
        event.stopPropagation();
        onJump(reply);
      }}
      title={t('reading.jumpToOriginal')}
      data-testid="reply-quote"
    >
      <span className="sr-only">{t('reading.jumpToOriginal')}: </span>
      {body}
    </button>
  );
}

/** ✓ sent, ✓✓ delivered, or why a text did not reach the phone. */
function DeliveryTick({ delivery }: { delivery: TextDelivery | undefined }) {
  const { t } = useT();
  if (delivery?.status === 'delivered')
    return (
      <CheckCheck className="size-3.5" role="img" aria-label={t('texting.delivered')} data-testid="tick-delivered" />
    );
  if (delivery?.status === 'failed') {
    return (
      <span className="flex items-center gap-0.5 font-medium" data-testid="delivery-failed">
        <AlertCircle className="size-3.5" aria-hidden="true" />
        {deliveryFailure(t, delivery.reason)}
      </span>
    );
  }
  return <Check className="size-3.5" role="img" aria-label={t('chat.statusSent')} data-testid="tick-sent" />;
}

const REASONS: Record<string, MessageKey> = {
  'opted-out': 'texting.reason.opted-out',
  'daily-cap': 'texting.reason.daily-cap',
};

/** "Not delivered: the number opted out"; a reason we do not know is shown as the network gave it. */
export function deliveryFailure(t: Translate, reason: string | undefined): string {
  if (!reason) return t('texting.notDelivered');
  // the provider's own words for WhatsApp's closed 24 h window: Meta's 131047, Twilio's 63016 (ADR 0030)
  const key = /^(131047\b|Twilio error 63016$)/.test(reason) ? 'texting.reason.window-closed' : REASONS[reason];
  return t('texting.notDeliveredBecause', { reason: key ? t(key) : reason });
}
