import { ArrowLeft } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button } from '../components/ui/button.tsx';
import { relativeTime } from '../lib/format.ts';
import { useConversations, usePeople, useTick, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import type { Message } from '../lib/model.ts';
import { navigate } from '../lib/router.ts';
import { CallButtons } from './call-buttons.tsx';
import { Composer } from './composer.tsx';
import { GroupAvatar } from './group-avatar.tsx';
import { MessageList } from './message-list.tsx';
import { PersonAvatar } from './person-avatar.tsx';
import { RequestBanner } from './request-banner.tsx';
import { TypingLine } from './typing-line.tsx';
import { useConversationTitle } from './use-conversation-title.ts';

/** One conversation: header, history, who is typing, and the composer. */
export function ChatView({ conversationId }: { conversationId: string }) {
  const { conversations, people, me } = useWorkspace();
  const { t } = useT();
  const conversation = useConversations((s) => s.conversations[conversationId]);
  const { title, otherId } = useConversationTitle(conversation);
  const [replyTo, setReplyTo] = useState<Message>();
  const [editing, setEditing] = useState<Message>();

  useEffect(() => {
    setReplyTo(undefined);
    setEditing(undefined);
    void conversations.open(conversationId).catch(() => undefined);
    const members = conversations.state.get().conversations[conversationId]?.memberIds ?? [];
    void people.loadPresence(members.filter((id) => id !== me.id));
    if (!people.state.get().blocked) void people.loadBlocks().catch(() => undefined);
    return () => void conversations.open(undefined);
  }, [conversations, people, me, conversationId]);

  return (
    <section className="flex min-h-0 min-w-0 flex-1 flex-col bg-background" aria-label={title || t('chat.messages')}>
      <header className="flex items-center gap-3 border-b px-3 py-2.5 md:px-5">
        <Button
          variant="ghost"
          size="icon-sm"
          className="md:hidden"
          onClick={() => navigate({ view: 'chats' })}
          aria-label={t('nav.back')}
        >
          <ArrowLeft aria-hidden="true" />
        </Button>
        {otherId ? (
          <PersonAvatar userId={otherId} className="size-9" />
        ) : (
          <GroupAvatar name={title} seed={conversationId} className="size-9" />
        )}
        <div className="min-w-0 flex-1">
          <h2 className="truncate font-semibold leading-tight" data-testid="chat-title">
            {title}
          </h2>
          <Subtitle otherId={otherId} memberCount={conversation?.memberIds.length ?? 0} />
        </div>
        {otherId ? <CallButtons userId={otherId} name={title} /> : null}
      </header>
      <MessageList
        conversationId={conversationId}
        onReply={(m) => {
          setEditing(undefined);
          setReplyTo(m);
        }}
        onEdit={(m) => {
          setReplyTo(undefined);
          setEditing(m);
        }}
      />
      <TypingLine conversationId={conversationId} />
      <RequestBanner conversationId={conversationId} {...(otherId ? { otherId } : {})} />
      <Composer
        key={conversationId}
        conversationId={conversationId}
        replyTo={replyTo}
        editing={editing}
        onDone={() => {
          setReplyTo(undefined);
          setEditing(undefined);
        }}
      />
    </section>
  );
}

function Subtitle({ otherId, memberCount }: { otherId?: string; memberCount: number }) {
  const { t, locale } = useT();
  const presence = usePeople((s) => (otherId ? s.presence[otherId] : undefined));
  const status = usePeople((s) => (otherId ? s.profiles[otherId]?.statusMessage : undefined));
  useTick(60_000);
  let text: string;
  if (!otherId) text = t('chat.members', { count: memberCount });
  else if (!presence)
    text = ''; // not visible to me (yet): say nothing rather than guess "offline"
  else if (presence.status === 'online') text = t('chat.online');
  else if (presence.lastSeenAt) text = t('chat.lastSeen', { time: relativeTime(presence.lastSeenAt, locale) });
  else text = t('chat.offline');
  return (
    <p className="truncate text-xs text-muted-foreground">{[text, status].filter(Boolean).join(' · ') || '\u00a0'}</p>
  );
}
