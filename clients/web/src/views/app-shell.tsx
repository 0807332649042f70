import { ChartColumn, MessagesSquare, Phone, Settings, ShieldCheck, Users } from 'lucide-react';
import type * as React from 'react';
import { Avatar } from '../components/ui/avatar.tsx';
import { Badge } from '../components/ui/badge.tsx';
import { useCalls, useWorkspace } from '../lib/hooks.ts';
import { type MessageKey, useT } from '../lib/i18n.ts';
import { useIsAdmin } from '../lib/numbers-hooks.ts';
import { navigate, type Route, useRoute } from '../lib/router.ts';
import { cn } from '../lib/utils.ts';
import { ChatView } from './chat-view.tsx';
import { ConnectionBanner } from './connection-banner.tsx';
import { ContactAddedNotices } from './contact-added-notices.tsx';
import { ConversationList } from './conversation-list.tsx';
import { EmailVerifyBanner } from './email-verify-banner.tsx';
import {
  DeferredCallLayer,
  LazyAdminView,
  LazyCallsView,
  LazyPeopleView,
  LazySettingsView,
  LazyUsageView,
} from './lazy-views.tsx';
import { MessageSearch } from './search-panel.tsx';
import { SkipLink } from './skip-link.tsx';
import { useReadingSignals, useUnreadTotal } from './use-reading-signals.ts';

const items: { view: Route['view']; label: MessageKey; icon: React.ComponentType<{ className?: string }> }[] = [
  { view: 'chats', label: 'nav.chats', icon: MessagesSquare },
  { view: 'calls', label: 'nav.calls', icon: Phone },
  { view: 'people', label: 'nav.people', icon: Users },
  { view: 'usage', label: 'nav.usage', icon: ChartColumn },
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
  useReadingSignals();
  return (
    <div className="flex h-dvh overflow-hidden bg-background">
      <SkipLink chatOpen={Boolean(openChat)} />
      <NavRail route={route} />
      <div className="flex min-w-0 flex-1 flex-col">
        <ConnectionBanner />
        <EmailVerifyBanner />
        <div className="flex min-h-0 flex-1">
          {route.view === 'chats' ? (
            <main className="flex min-h-0 min-w-0 flex-1">
              <MessageSearch openChat={openChat} className={cn('w-full md:w-80 lg:w-96', openChat && 'hidden md:flex')}>
                <ConversationList activeId={openChat} className="flex-1 border-r-0" />
              </MessageSearch>
              {openChat ? (
                <ChatView
                  key={openChat}
                  conversationId={openChat}
                  seq={route.view === 'chats' ? route.seq : undefined}
                />
              ) : (
                <NoConversation />
              )}
            </main>
          ) : null}
          {route.view === 'people' ? <LazyPeopleView /> : null}
          {route.view === 'calls' ? <LazyCallsView /> : null}
          {route.view === 'settings' ? <LazySettingsView /> : null}
          {route.view === 'admin' ? <LazyAdminView /> : null}
          {route.view === 'usage' ? <LazyUsageView /> : null}
        </div>
        {openChat ? null : <TabBar route={route} />}
      </div>
      <DeferredCallLayer />
      <ContactAddedNotices />
    </div>
  );
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
        <Avatar name={me.displayName} seed={me.id} src={me.avatarUrl} className="size-9" />
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
