import { MessagesSquare, Phone, Settings, ShieldCheck, Users } from 'lucide-react';
import type * as React from 'react';
import { Avatar } from '../components/ui/avatar.tsx';
import { Badge } from '../components/ui/badge.tsx';
import { useCalls, useConversations, useWorkspace } from '../lib/hooks.ts';
import { type MessageKey, useT } from '../lib/i18n.ts';
import { useIsAdmin } from '../lib/numbers-hooks.ts';
import { navigate, type Route, useRoute } from '../lib/router.ts';
import { cn } from '../lib/utils.ts';
import { AdminView } from './admin-view.tsx';
import { CallLayer } from './call-layer.tsx';
import { CallsView } from './calls-view.tsx';
import { ChatView } from './chat-view.tsx';
import { ConnectionBanner } from './connection-banner.tsx';
import { ConversationList } from './conversation-list.tsx';
import { PeopleView } from './people-view.tsx';
import { SettingsView } from './settings-view.tsx';

const items: { view: Route['view']; label: MessageKey; icon: React.ComponentType<{ className?: string }> }[] = [
  { view: 'chats', label: 'nav.chats', icon: MessagesSquare },
  { view: 'calls', label: 'nav.calls', icon: Phone },
  { view: 'people', label: 'nav.people', icon: Users },
  { view: 'settings', label: 'nav.settings', icon: Settings },
  { view: 'admin', label: 'nav.admin', icon: ShieldCheck },
];

/** The navigation items this person sees: the admin area only for admins. */
function useNavItems() {
  const admin = useIsAdmin();
  return items.filter((item) => item.view !== 'admin' || admin);
}

/** The signed-in app: a rail (desktop) or tab bar (phone), the connection banner, and the current view. */
export function AppShell() {
  const route = useRoute();
  const openChat = route.view === 'chats' ? route.conversationId : undefined;
  return (
    <div className="flex h-dvh overflow-hidden bg-background">
      <NavRail route={route} />
      <div className="flex min-w-0 flex-1 flex-col">
        <ConnectionBanner />
        <div className="flex min-h-0 flex-1">
          {route.view === 'chats' ? (
            <main className="flex min-h-0 min-w-0 flex-1">
              <ConversationList
                activeId={openChat}
                className={cn('w-full md:w-80 lg:w-96', openChat && 'hidden md:flex')}
              />
              {openChat ? <ChatView key={openChat} conversationId={openChat} /> : <NoConversation />}
            </main>
          ) : null}
          {route.view === 'people' ? <PeopleView /> : null}
          {route.view === 'calls' ? <CallsView /> : null}
          {route.view === 'settings' ? <SettingsView /> : null}
          {route.view === 'admin' ? <AdminView /> : null}
        </div>
        {openChat ? null : <TabBar route={route} />}
      </div>
      <CallLayer />
    </div>
  );
}

function useUnreadTotal(): number {
  return useConversations((s) => Object.values(s.conversations).reduce((sum, c) => sum + c.unreadCount, 0));
}

function NavRail({ route }: { route: Route }) {
  const { t } = useT();
  const { me } = useWorkspace();
  const unread = useUnreadTotal();
  const visible = useNavItems();
  return (
    <nav
      aria-label={t('nav.main')}
      className="hidden w-[4.5rem] shrink-0 flex-col items-center gap-2 border-r bg-background py-4 md:flex"
    >
      <div
        className="mb-4 flex size-10 items-center justify-center rounded-xl bg-primary text-primary-foreground"
        aria-hidden="true"
      >
        <MessagesSquare className="size-5" />
      </div>
      {visible.map(({ view, label, icon: Icon }) => (
        <a
          key={view}
          href={view === 'chats' ? '#/' : `#/${view}`}
          onClick={(e) => {
            e.preventDefault();
            navigate({ view } as Route);
          }}
          aria-current={route.view === view ? 'page' : undefined}
          className={cn(
            'relative flex size-12 flex-col items-center justify-center gap-0.5 rounded-xl text-muted-foreground transition-colors hover:bg-muted hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none',
            route.view === view && 'bg-primary-soft text-primary-soft-foreground hover:bg-primary-soft',
          )}
          data-testid={`nav-${view}`}
        >
          <Icon className="size-5" />
          <span className="text-[0.625rem] font-medium">{t(label)}</span>
          {view === 'chats' && unread > 0 ? (
            <Badge className="absolute -top-1 -right-1 min-w-5 px-1 py-0 text-[0.625rem]">
              {unread > 99 ? '99+' : unread}
            </Badge>
          ) : null}
          {view === 'calls' ? <MissedCallsBadge /> : null}
        </a>
      ))}
      <div className="mt-auto" title={me.displayName}>
        <Avatar name={me.displayName} seed={me.id} className="size-9" />
      </div>
    </nav>
  );
}

function TabBar({ route }: { route: Route }) {
  const { t } = useT();
  const unread = useUnreadTotal();
  const visible = useNavItems();
  return (
    <nav
      aria-label={t('nav.main')}
      className="flex shrink-0 border-t bg-background pb-[env(safe-area-inset-bottom)] md:hidden"
    >
      {visible.map(({ view, label, icon: Icon }) => (
        <a
          key={view}
          href={view === 'chats' ? '#/' : `#/${view}`}
          onClick={(e) => {
            e.preventDefault();
            navigate({ view } as Route);
          }}
          aria-current={route.view === view ? 'page' : undefined}
          className={cn(
            'relative flex flex-1 flex-col items-center gap-0.5 py-2 text-xs font-medium text-muted-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none focus-visible:ring-inset',
            route.view === view && 'text-primary',
          )}
          data-testid={`tab-${view}`}
        >
          <Icon className="size-5" />
          {t(label)}
          {view === 'chats' && unread > 0 ? (
            <Badge className="absolute top-1 left-1/2 ml-2 min-w-5 px-1 py-0 text-[0.625rem]">
              {unread > 99 ? '99+' : unread}
            </Badge>
          ) : null}
          {view === 'calls' ? <MissedCallsBadge /> : null}
        </a>
      ))}
    </nav>
  );
}

/** The unseen missed calls, on the Calls item. */
function MissedCallsBadge() {
  const { t } = useT();
  const count = useCalls((s) => s.log.unseenMissedCount);
  if (count === 0) return null;
  return (
    <Badge
      className="absolute top-0 right-0 min-w-5 bg-destructive px-1 py-0 text-[0.625rem] text-destructive-foreground"
      data-testid="missed-calls-badge"
      aria-label={t('calls.unseen', { count })}
    >
      {count > 99 ? '99+' : count}
    </Badge>
  );
}

function NoConversation() {
  const { t } = useT();
  return (
    <div className="hidden flex-1 flex-col items-center justify-center gap-3 bg-background p-8 text-center md:flex">
      <div className="flex size-16 items-center justify-center rounded-2xl bg-primary-soft text-primary-soft-foreground">
        <MessagesSquare className="size-8" aria-hidden="true" />
      </div>
      <h2 className="text-lg font-semibold">{t('chats.pick')}</h2>
      <p className="max-w-sm text-sm text-muted-foreground">{t('chats.pickHint')}</p>
    </div>
  );
}
