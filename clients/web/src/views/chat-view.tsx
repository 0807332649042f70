import { ArrowLeft } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button } from '../components/ui/button.tsx';
import { askForNotifications } from '../lib/browser-notifications.ts';
import { relativeTime } from '../lib/format.ts';
import { useConversations, usePeople, useTick, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import { isTextKind, type Message } from '../lib/model.ts';
import { useReplyWindow } from '../lib/reply-window.ts';
import { navigate } from '../lib/router.ts';
import { CallButtons } from './call-buttons.tsx';
import { Composer } from './composer.tsx';
import { GroupAvatar } from './group-avatar.tsx';
import { GroupInfoButton } from './group-info.tsx';
import { IncomingAnnouncer } from './incoming-announcer.tsx';
import { MessageList } from './message-list.tsx';
import { PersonAvatar } from './person-avatar.tsx';
import { ReplyWindowClosed, ReplyWindowHint } from './reply-window-notice.tsx';
import { RequestBanner } from './request-banner.tsx';
import { TextChannelBadge } from './text-channel-badge.tsx';
import { TypingLine } from './typing-line.tsx';
import { useConversationTitle } from './use-conversation-title.ts';

/**
 * One conversation: header, history, who is typing, and the composer. `seq` (the route's
 * `/m/<seq>`) brings that message into view; opening the chat moves the focus into it.
 */
export function ChatView({ conversationId, seq }: { conversationId: string; seq?: number }) {
  const { conversations, people, me } = useWorkspace();
  const { t } = useT();
  const conversation = useConversations((s) => s.conversations[conversationId]);
  const { title, otherId } = useConversationTitle(conversation);
  const replyWindow = useReplyWindow(conversation);
  const [replyTo, setReplyTo] = useState<Message>();
  const [editing, setEditing] = useState<Message>();
  const section = useRef<HTMLElement>(null);
  const onTargetShown = useCallback(() => navigate({ view: 'chats', conversationId }), [conversationId]);

  // Into the chat just opened: the composer where a keyboard is at hand, else the messages (a
  // phone's keyboard would cover them). A message named by the route takes the focus itself.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per opened chat (the view is keyed by it)
  useEffect(() => {
    if (seq) return;
    const wide = globalThis.matchMedia?.('(min-width: 768px)').matches ?? true;
    const target = section.current?.querySelector<HTMLElement>(
      wide ? '[data-testid="composer"]' : '[data-testid="message-list"]',
    );
    target?.focus({ preventScroll: true });
  }, []);

  /**
   * After a message I sent (not an edit, not a cancelled reply) the browser may ask whether Parley
   * may notify me of replies: once, see browser-notifications.ts.
   */
  const maybeAsk = () => {
    const mine = () =>
      conversations.state.get().timelines[conversationId]?.messages.filter((m) => m.senderId === me.id).length ?? 0;
    const before = mine();
    setTimeout(() => {
      if (mine() > before) void askForNotifications();
    }, 0);
  };

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
    <section
      ref={section}
      id="conversation"
      tabIndex={-1}
      className="flex min-h-0 min-w-0 flex-1 flex-col bg-background outline-none"
      aria-label={title || t('chat.messages')}
    >
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
          <GroupAvatar name={title} seed={conversationId} className="size-9" phone={isTextKind(conversation?.kind)} />
        )}
        <div className="min-w-0 flex-1">
          <div className="flex min-w-0 items-center gap-2">
            <h2 className="truncate font-semibold leading-tight" data-testid="chat-title">
              {title}
            </h2>
            {isTextKind(conversation?.kind) ? <TextChannelBadge kind={conversation.kind} /> : null}
          </div>
          {isTextKind(conversation?.kind) ? (
            <p className="truncate text-xs text-muted-foreground">
              {conversation.kind === 'sms' ? t('texting.subtitleSms') : t('texting.subtitleWhatsapp')}
            </p>
          ) : (
            <Subtitle otherId={otherId} memberCount={conversation?.memberIds.length ?? 0} />
          )}
        </div>
        {otherId ? <CallButtons userId={otherId} name={title} /> : null}
        {conversation?.kind === 'group' ? <GroupInfoButton conversationId={conversationId} /> : null}
      </header>
      <MessageList
        conversationId={conversationId}
        targetSeq={seq}
        onTargetShown={onTargetShown}
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
      <IncomingAnnouncer conversationId={conversationId} />
      <RequestBanner conversationId={conversationId} {...(otherId ? { otherId } : {})} />
      {replyWindow.state === 'open' && replyWindow.hint ? <ReplyWindowHint reply={replyWindow} /> : null}
      {/* WhatsApp's window closed: nothing can be sent (an edit changes only Parley's copy, so it may finish) */}
      {replyWindow.state === 'closed' && !editing ? (
        <ReplyWindowClosed reply={replyWindow} />
      ) : (
        <Composer
          key={conversationId}
          conversationId={conversationId}
          replyTo={replyTo}
          editing={editing}
          onDone={() => {
            setReplyTo(undefined);
            setEditing(undefined);
            maybeAsk();
          }}
        />
      )}
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
