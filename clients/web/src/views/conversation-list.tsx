import { Archive, BellOff, ChevronDown, MoreHorizontal, Paperclip, Pin, Search, SquarePen } from 'lucide-react';
import { useState } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Badge } from '../components/ui/badge.tsx';
import { Button } from '../components/ui/button.tsx';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '../components/ui/dropdown-menu.tsx';
import { Input } from '../components/ui/input.tsx';
import { Skeleton } from '../components/ui/skeleton.tsx';
import { shortTime } from '../lib/format.ts';
import { useConversations, useDisplayName, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import { plainText } from '../lib/message-format.ts';
import { isTextKind } from '../lib/model.ts';
import { navigate } from '../lib/router.ts';
import { cn } from '../lib/utils.ts';
import { listSections } from './conversation-list-sections.ts';
import { GroupAvatar } from './group-avatar.tsx';
import { groupErrorMessage } from './group-info-errors.ts';
import { useLongPress } from './message-actions.tsx';
import { NewChatDialog } from './new-chat-dialog.tsx';
import { PersonAvatar } from './person-avatar.tsx';
import { TextChannelBadge } from './text-channel-badge.tsx';
import { useConversationTitle } from './use-conversation-title.ts';

/**
 * The sidebar: pinned conversations, then the rest by newest activity, with unread counts and the
 * last message; archived ones folded under "Archived (N)". Each row's menu (its "⋯" button, a
 * right-click or a long-press) mutes, archives or pins it, for me alone.
 */
export function ConversationList({ activeId, className }: { activeId?: string; className?: string }) {
  const { t } = useT();
  const order = useConversations((s) => s.order);
  const conversations = useConversations((s) => s.conversations);
  const status = useConversations((s) => s.listStatus);
  const [filter, setFilter] = useState('');
  const [creating, setCreating] = useState(false);
  const [showArchived, setShowArchived] = useState(false);
  const [failure, setFailure] = useState<string>();
  const sections = listSections(order, conversations);
  const row = (id: string) => (
    <ConversationRow
      key={id}
      id={id}
      active={id === activeId}
      filter={filter.trim().toLowerCase()}
      onFailure={setFailure}
    />
  );

  return (
    <div className={cn('flex min-h-0 flex-col border-r bg-subtle', className)}>
      <div className="flex items-center justify-between gap-2 px-4 pt-4 pb-2">
        <h1 className="text-xl font-semibold tracking-tight">{t('chats.title')}</h1>
        <Button
          size="icon-sm"
          variant="ghost"
          onClick={() => setCreating(true)}
          aria-label={t('chats.new')}
          title={t('chats.new')}
        >
          <SquarePen aria-hidden="true" />
        </Button>
      </div>
      <div className="relative px-4 pb-3">
        <Search
          className="pointer-events-none absolute top-1/2 left-7 size-4 -translate-y-1/2 text-muted-foreground"
          aria-hidden="true"
        />
        <Input
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder={t('chats.search')}
          aria-label={t('chats.search')}
          className="h-9 bg-background pl-9"
        />
      </div>
      <nav className="min-h-0 flex-1 overflow-y-auto px-2 pb-4" aria-label={t('chats.title')}>
        {status === 'loading' && order.length === 0 ? <ListSkeleton /> : null}
        {status !== 'loading' && order.length === 0 ? (
          <div className="px-4 py-10 text-center">
            <p className="font-medium">{t('chats.empty')}</p>
            <p className="mt-1 text-sm text-muted-foreground">{t('chats.emptyHint')}</p>
            <Button className="mt-4" onClick={() => setCreating(true)}>
              {t('chats.new')}
            </Button>
          </div>
        ) : null}
        {failure ? (
          <Alert variant="destructive" className="mx-2 mb-2" data-testid="list-menu-error">
            <span className="flex-1">{t('list.failed', { reason: failure })}</span>
            <button type="button" className="text-xs underline" onClick={() => setFailure(undefined)}>
              {t('common.close')}
            </button>
          </Alert>
        ) : null}
        <ul className="flex flex-col gap-0.5">
          {sections.pinned.map(row)}
          {sections.rest.map(row)}
        </ul>
        {sections.archived.length ? (
          <>
            <button
              type="button"
              aria-expanded={showArchived}
              onClick={() => setShowArchived((v) => !v)}
              data-testid="archived-toggle"
              className="mt-2 flex w-full items-center gap-3 rounded-lg px-4 py-2 text-sm text-muted-foreground hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
            >
              <Archive className="size-4" aria-hidden="true" />
              <span className="flex-1 text-left">{t('list.archived', { count: sections.archived.length })}</span>
              <ChevronDown
                className={cn('size-4 transition-transform', showArchived && 'rotate-180')}
                aria-hidden="true"
              />
            </button>
            {showArchived ? (
              <ul
                className="flex flex-col gap-0.5"
                data-testid="archived-list"
                aria-label={t('list.archived', { count: sections.archived.length })}
              >
                {sections.archived.map(row)}
              </ul>
            ) : null}
          </>
        ) : null}
      </nav>
      <NewChatDialog open={creating} onOpenChange={setCreating} />
    </div>
  );
}

function ListSkeleton() {
  return (
    <div className="flex flex-col gap-3 px-2 py-2">
      {[0, 1, 2, 3].map((i) => (
        <div key={i} className="flex items-center gap-3">
          <Skeleton className="size-10 rounded-full" />
          <div className="flex flex-1 flex-col gap-2">
            <Skeleton className="h-3 w-1/2" />
            <Skeleton className="h-3 w-4/5" />
          </div>
        </div>
      ))}
    </div>
  );
}

function ConversationRow({
  id,
  active,
  filter,
  onFailure,
}: {
  id: string;
  active: boolean;
  filter: string;
  onFailure: (reason: string | undefined) => void;
}) {
  const { t, locale } = useT();
  const { me, conversations } = useWorkspace();
  const [menuOpen, setMenuOpen] = useState(false);
  const longPress = useLongPress(() => setMenuOpen(true));
  const conversation = useConversations((s) => s.conversations[id]);
  const typing = useConversations((s) => s.typing[id]);
  const { title, otherId } = useConversationTitle(conversation);
  const lastSender = useDisplayName(conversation?.lastMessage?.senderId || undefined);
  if (!conversation) return null;
  if (filter && !title.toLowerCase().includes(filter)) return null;
  const last = conversation.lastMessage;
  const unread = conversation.unreadCount;
  const someoneTyping = typing && Object.keys(typing).length > 0;
  let preview = t('chats.noMessages');
  if (last) {
    const body = last.deleted
      ? t('chats.deleted')
      : plainText(last.preview) || (last.hasAttachments ? t('chats.attachment') : '');
    const who =
      last.senderId === me.id ? t('chats.you') : conversation.kind === 'group' ? lastSender.split(' ')[0] : '';
    preview = who ? `${who}: ${body}` : body;
  }

  const set = (preferences: { muted?: boolean; archived?: boolean; pinned?: boolean }) => {
    onFailure(undefined);
    void conversations.setPreferences(id, preferences).catch((error) => onFailure(groupErrorMessage(t, error)));
  };

  return (
    <li
      className="group/row relative"
      data-testid="conversation-item"
      onContextMenu={(e) => {
        e.preventDefault();
        setMenuOpen(true);
      }}
    >
      <a
        {...longPress}
        onContextMenu={undefined}
        href={`#/c/${encodeURIComponent(id)}`}
        onClick={(e) => {
          e.preventDefault();
          navigate({ view: 'chats', conversationId: id });
        }}
        aria-current={active ? 'page' : undefined}
        data-testid="conversation-row"
        className={cn(
          'flex items-center gap-3 rounded-lg py-2.5 pr-9 pl-2 outline-none transition-colors hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring',
          active && 'bg-primary-soft hover:bg-primary-soft',
        )}
      >
        {otherId ? (
          <PersonAvatar userId={otherId} />
        ) : (
          <GroupAvatar name={title} seed={id} phone={isTextKind(conversation.kind)} />
        )}
        <span className="flex min-w-0 flex-1 flex-col">
          <span className="flex items-baseline justify-between gap-2">
            <span className={cn('truncate', unread ? 'font-semibold' : 'font-medium')}>{title}</span>
            {isTextKind(conversation.kind) ? <TextChannelBadge kind={conversation.kind} /> : null}
            <span className="ml-auto flex shrink-0 items-center gap-1 text-muted-foreground">
              {conversation.pinned ? (
                <Pin className="size-3.5" role="img" aria-label={t('list.pinned')} data-testid="pinned-icon" />
              ) : null}
              {conversation.muted ? (
                <BellOff className="size-3.5" role="img" aria-label={t('list.muted')} data-testid="muted-icon" />
              ) : null}
            </span>
            {last?.sentAt ? (
              <span className={cn('shrink-0 text-xs', unread ? 'font-semibold text-primary' : 'text-muted-foreground')}>
                {shortTime(last.sentAt, locale)}
              </span>
            ) : null}
          </span>
          <span className="flex items-center justify-between gap-2">
            <span
              className={cn(
                'flex min-w-0 items-center gap-1 truncate text-sm',
                unread ? 'text-foreground' : 'text-muted-foreground',
              )}
            >
              {someoneTyping ? (
                <span className="text-primary">{t('chats.typing')}</span>
              ) : (
                <>
                  {last?.hasAttachments && !last.deleted ? (
                    <Paperclip className="size-3.5 shrink-0" aria-hidden="true" />
                  ) : null}
                  <span className="truncate">{preview}</span>
                </>
              )}
            </span>
            {conversation.request ? (
              <Badge variant="outline" data-testid="request-badge">
                {t('request.badge')}
              </Badge>
            ) : null}
            {unread > 0 ? (
              <Badge
                aria-label={t('chats.unread', { count: unread })}
                data-testid="unread-badge"
                variant={conversation.muted ? 'secondary' : undefined}
              >
                {unread > 99 ? '99+' : unread}
              </Badge>
            ) : null}
          </span>
        </span>
      </a>
      <DropdownMenu open={menuOpen} onOpenChange={setMenuOpen}>
        <DropdownMenuTrigger asChild>
          <Button
            variant="ghost"
            size="icon-sm"
            aria-label={t('list.menu', { title })}
            title={t('list.menu', { title })}
            data-testid="conversation-menu-button"
            className="absolute top-1/2 right-1 -translate-y-1/2 opacity-100 focus-visible:opacity-100 data-[state=open]:opacity-100 md:opacity-0 md:group-hover/row:opacity-100"
          >
            <MoreHorizontal aria-hidden="true" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" data-testid="conversation-menu">
          <DropdownMenuItem onSelect={() => set({ muted: !conversation.muted })}>
            <BellOff aria-hidden="true" />
            {conversation.muted ? t('list.unmute') : t('list.mute')}
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => set({ archived: !conversation.archived })}>
            <Archive aria-hidden="true" />
            {conversation.archived ? t('list.unarchive') : t('list.archive')}
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => set({ pinned: !conversation.pinned })}>
            <Pin aria-hidden="true" />
            {conversation.pinned ? t('list.unpin') : t('list.pin')}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </li>
  );
}
