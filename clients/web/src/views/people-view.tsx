import { Ban, MessageSquare, Search, UserMinus, UserPlus } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Button } from '../components/ui/button.tsx';
import { Input } from '../components/ui/input.tsx';
import { directoryDetail } from '../lib/directory-detail.ts';
import { errorMessage } from '../lib/errors.ts';
import { relativeTime } from '../lib/format.ts';
import { usePeople, useTick, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import type { Profile } from '../lib/model.ts';
import { navigate } from '../lib/router.ts';
import { CallButtons } from './call-buttons.tsx';
import { PersonAvatar } from './person-avatar.tsx';
import { useDirectorySearch } from './use-directory-search.ts';

const NONE: string[] = [];

/** The directory and my contacts, with presence, and a one-click way to start talking. */
export function PeopleView() {
  const { t } = useT();
  const { people, me } = useWorkspace();
  const [query, setQuery] = useState('');
  const [error, setError] = useState<unknown>();
  const contacts = usePeople((s) => s.contacts);
  const profiles = usePeople((s) => s.profiles);
  const { results, loading } = useDirectorySearch(query);
  const searchId = useId();

  useEffect(() => {
    void people.loadContacts().catch(setError);
    void people.loadBlocks().catch(() => undefined);
  }, [people]);

  const contactProfiles = (contacts ?? []).flatMap((id) => profiles[id] ?? []);
  const searching = query.trim().length > 0;

  return (
    // relative: visually hidden text (sr-only, absolute) stays inside this scroller, not the page (see settings-view)
    <main className="relative min-h-0 flex-1 overflow-y-auto bg-background">
      <div className="mx-auto flex max-w-2xl flex-col gap-6 px-4 py-6 md:py-10">
        <header className="flex flex-col gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">{t('people.title')}</h1>
          <p className="text-sm text-muted-foreground">{t('people.searchHint')}</p>
        </header>
        <div className="relative">
          <Search
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
            aria-hidden="true"
          />
          <label htmlFor={searchId} className="sr-only">
            {t('people.search')}
          </label>
          <Input
            id={searchId}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t('people.search')}
            className="h-11 pl-9"
            data-testid="directory-search"
          />
        </div>
        {error ? <Alert variant="destructive">{errorMessage(t, error)}</Alert> : null}
        {searching ? (
          <section aria-labelledby="directory-heading" className="flex flex-col gap-2">
            <h2 id="directory-heading" className="text-sm font-semibold text-muted-foreground">
              {t('people.results')}
            </h2>
            {!loading && results.length === 0 ? (
              <p className="py-6 text-center text-sm text-muted-foreground">
                {t('people.noResults', { q: query.trim() })}
              </p>
            ) : null}
            <PersonList people={results.filter((p) => p.id !== me.id)} contacts={contacts ?? []} onError={setError} />
          </section>
        ) : null}
        <section aria-labelledby="contacts-heading" className="flex flex-col gap-2">
          <h2 id="contacts-heading" className="text-sm font-semibold text-muted-foreground">
            {t('people.contacts')}
          </h2>
          {contacts && contactProfiles.length === 0 ? (
            <p className="rounded-lg border border-dashed px-4 py-8 text-center text-sm text-muted-foreground">
              {t('people.noContacts')}
            </p>
          ) : null}
          <PersonList people={contactProfiles} contacts={contacts ?? []} onError={setError} />
        </section>
      </div>
    </main>
  );
}

function PersonList({
  people: list,
  contacts,
  onError,
}: {
  people: Profile[];
  contacts: string[];
  onError: (e: unknown) => void;
}) {
  const { t, locale } = useT();
  const { people, conversations } = useWorkspace();
  const presence = usePeople((s) => s.presence);
  const blocked = usePeople((s) => s.blocked) ?? NONE;
  const [busy, setBusy] = useState<string>();
  // "last seen 5 minutes ago" moves on by itself: presence is pushed, nothing re-renders this list otherwise
  useTick(60_000);

  async function run(id: string, action: () => Promise<unknown>) {
    setBusy(id);
    try {
      await action();
    } catch (caught) {
      onError(caught);
    } finally {
      setBusy(undefined);
    }
  }

  if (list.length === 0) return null;
  return (
    <ul className="flex flex-col divide-y rounded-lg border">
      {list.map((p) => {
        const isContact = contacts.includes(p.id);
        const isBlocked = blocked.includes(p.id);
        const seen = presence[p.id];
        const presenceText =
          seen?.status === 'online'
            ? t('chat.online')
            : seen?.lastSeenAt
              ? t('chat.lastSeen', { time: relativeTime(seen.lastSeenAt, locale) })
              : undefined;
        // presence, then the status message and email domain: two people of one name look different
        const detail = [presenceText, directoryDetail(p) || (presenceText ? undefined : p.email)]
          .filter(Boolean)
          .join(' · ');
        return (
          // the actions wrap onto a line of their own when the name would get less than 8rem (a phone)
          <li key={p.id} className="flex flex-wrap items-center gap-x-3 gap-y-2 px-3 py-3" data-testid="person-row">
            <PersonAvatar userId={p.id} />
            <div className="min-w-32 flex-1">
              <p className="truncate font-medium">{p.displayName}</p>
              <p className="truncate text-xs text-muted-foreground" data-testid="person-detail">
                {detail}
              </p>
            </div>
            <div className="ml-auto flex shrink-0 items-center gap-3" data-testid="person-actions">
              <Button
                variant="ghost"
                size="icon-sm"
                aria-label={`${t('people.message')}: ${p.displayName}`}
                title={t('people.message')}
                disabled={busy === p.id}
                onClick={() =>
                  void run(p.id, async () => {
                    const c = await conversations.startConversation([p.id]);
                    navigate({ view: 'chats', conversationId: c.id });
                  })
                }
              >
                <MessageSquare aria-hidden="true" />
              </Button>
              <CallButtons userId={p.id} name={p.displayName} />
              <Button
                variant={isContact ? 'ghost' : 'outline'}
                size="sm"
                disabled={busy === p.id}
                onClick={() => void run(p.id, () => (isContact ? people.removeContact(p.id) : people.addContact(p)))}
                aria-label={`${isContact ? t('people.remove') : t('people.add')}: ${p.displayName}`}
              >
                {isContact ? <UserMinus aria-hidden="true" /> : <UserPlus aria-hidden="true" />}
                <span className="hidden sm:inline">{isContact ? t('people.remove') : t('people.add')}</span>
              </Button>
              <Button
                variant="ghost"
                size="icon-sm"
                disabled={busy === p.id}
                onClick={() => void run(p.id, () => (isBlocked ? people.unblock(p.id) : people.block(p.id)))}
                aria-label={`${isBlocked ? t('block.unblock') : t('block.action')}: ${p.displayName}`}
                title={isBlocked ? t('block.unblock') : t('block.action')}
                data-testid="block-toggle"
              >
                <Ban aria-hidden="true" className={isBlocked ? 'text-destructive' : undefined} />
              </Button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
