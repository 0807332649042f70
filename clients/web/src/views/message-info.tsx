import { useEffect, useState } from 'react';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '../components/ui/dialog.tsx';
import { clockTime, shortTime } from '../lib/format.ts';
import { useConversations, useDisplayName, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import type { Conversation, Message } from '../lib/model.ts';
import { PersonAvatar } from './person-avatar.tsx';

/** One member in "Message info": `exact` when their read marker is this very message (readAt is when they read it). */
export interface Reader {
  userId: string;
  readAt?: string;
  exact: boolean;
}

/**
 * Who has read a message (read markers at or past its seq) and who has not, the sender left out.
 * A marker's time is when it last moved: the read time of this message when it stopped here, else
 * an upper bound ("by …").
 */
export function readersOf(
  conversation: Pick<Conversation, 'memberIds' | 'readSeqs' | 'readAts'>,
  message: Pick<Message, 'seq' | 'senderId'>,
): { read: Reader[]; unread: string[] } {
  const read: Reader[] = [];
  const unread: string[] = [];
  for (const userId of conversation.memberIds) {
    if (userId === message.senderId) continue;
    const seq = conversation.readSeqs[userId] ?? 0;
    if (seq >= message.seq) {
      const readAt = conversation.readAts?.[userId];
      read.push({ userId, exact: seq === message.seq, ...(readAt ? { readAt } : {}) });
    } else unread.push(userId);
  }
  return { read, unread };
}

/** "Message info" (a group message's menu): who read it, with times when known, and who has not yet. */
export function MessageInfoDialog({
  message,
  open,
  onOpenChange,
}: {
  message: Message;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t } = useT();
  const { conversations } = useWorkspace();
  const conversation = useConversations((s) => s.conversations[message.conversationId]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (!open) return;
    // the single read carries every marker and its time; frames keep them current while open
    setLoading(true);
    void conversations
      .fetchConversation(message.conversationId)
      .catch(() => undefined)
      .finally(() => setLoading(false));
  }, [open, conversations, message.conversationId]);
  if (!conversation) return null;
  const { read, unread } = readersOf(conversation, message);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={t('common.close')} data-testid="message-info" className="max-w-sm">
        <DialogHeader>
          <DialogTitle>{t('info.title')}</DialogTitle>
          <DialogDescription className="line-clamp-2">{message.text}</DialogDescription>
        </DialogHeader>
        {loading ? (
          <p role="status" className="text-xs text-muted-foreground">
            {t('info.loading')}
          </p>
        ) : null}
        <section className="flex flex-col gap-1" data-testid="info-read">
          <h3 className="text-sm font-semibold">{t('info.readBy', { count: read.length })}</h3>
          {read.length === 0 ? <p className="text-sm text-muted-foreground">{t('info.nobody')}</p> : null}
          <ul className="flex flex-col gap-1">
            {read.map((r) => (
              <ReaderRow key={r.userId} reader={r} />
            ))}
          </ul>
        </section>
        <section className="flex flex-col gap-1" data-testid="info-unread">
          <h3 className="text-sm font-semibold">{t('info.notRead', { count: unread.length })}</h3>
          {unread.length === 0 ? <p className="text-sm text-muted-foreground">{t('info.everyone')}</p> : null}
          <ul className="flex flex-col gap-1">
            {unread.map((userId) => (
              <ReaderRow key={userId} reader={{ userId, exact: false }} />
            ))}
          </ul>
        </section>
      </DialogContent>
    </Dialog>
  );
}

function ReaderRow({ reader }: { reader: Reader }) {
  const { t, locale } = useT();
  const name = useDisplayName(reader.userId);
  let when = '';
  if (reader.readAt) {
    const day = shortTime(reader.readAt, locale);
    const clock = clockTime(reader.readAt, locale);
    const time = day === clock ? clock : `${day} ${clock}`;
    when = reader.exact ? t('info.readAt', { time }) : t('info.readAtLeast', { time });
  }
  return (
    <li className="flex items-center gap-3 py-0.5" data-testid="info-person">
      <PersonAvatar userId={reader.userId} className="size-7" presence={false} />
      <span className="min-w-0 flex-1 truncate text-sm">{name}</span>
      {when ? <span className="shrink-0 text-xs text-muted-foreground">{when}</span> : null}
    </li>
  );
}
