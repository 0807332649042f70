import { Check, MessageSquareText, Users } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Button } from '../components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '../components/ui/dialog.tsx';
import { Input } from '../components/ui/input.tsx';
import { directoryDetail } from '../lib/directory-detail.ts';
import { errorMessage } from '../lib/errors.ts';
import { usePeople, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import type { Profile } from '../lib/model.ts';
import { navigate } from '../lib/router.ts';
import { cn } from '../lib/utils.ts';
import { NewTextForm } from './new-text-form.tsx';
import { PersonAvatar } from './person-avatar.tsx';
import { useDirectorySearch } from './use-directory-search.ts';

/**
 * Pick people (contacts first, or search the directory) and start a direct chat or a group; or
 * "New text message": text a phone number by SMS or WhatsApp.
 */
export function NewChatDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const { t } = useT();
  const { me, people, conversations } = useWorkspace();
  const [query, setQuery] = useState('');
  const [title, setTitle] = useState('');
  const [picked, setPicked] = useState<Profile[]>([]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [texting, setTexting] = useState(false);
  const contacts = usePeople((s) => s.contacts);
  const profiles = usePeople((s) => s.profiles);
  const { results } = useDirectorySearch(query);
  const ids = { search: useId(), title: useId() };

  useEffect(() => {
    if (open && !contacts) void people.loadContacts().catch(() => undefined);
    if (!open) {
      setQuery('');
      setTitle('');
      setPicked([]);
      setError(undefined);
      setTexting(false);
    }
  }, [open, contacts, people]);

  const candidates = (query.trim() ? results : (contacts ?? []).flatMap((id) => profiles[id] ?? [])).filter(
    (p) => p.id !== me.id,
  );
  const toggle = (p: Profile) =>
    setPicked((list) => (list.some((x) => x.id === p.id) ? list.filter((x) => x.id !== p.id) : [...list, p]));

  async function start() {
    setBusy(true);
    setError(undefined);
    try {
      const conversation = await conversations.startConversation(
        picked.map((p) => p.id),
        picked.length > 1 ? title.trim() : undefined,
      );
      onOpenChange(false);
      navigate({ view: 'chats', conversationId: conversation.id });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={t('common.close')}>
        <DialogHeader>
          <DialogTitle>{texting ? t('texting.new') : t('newChat.title')}</DialogTitle>
          <DialogDescription>{texting ? t('texting.lead') : t('newChat.lead')}</DialogDescription>
        </DialogHeader>
        <Button
          variant="outline"
          size="sm"
          className="self-start"
          onClick={() => setTexting((on) => !on)}
          data-testid={texting ? 'new-chat-people' : 'new-text-message'}
        >
          {texting ? <Users aria-hidden="true" /> : <MessageSquareText aria-hidden="true" />}
          {texting ? t('texting.backToPeople') : t('texting.new')}
        </Button>
        {texting ? <NewTextForm onStarted={() => onOpenChange(false)} /> : peoplePicker()}
      </DialogContent>
    </Dialog>
  );

  // a render function, not a component: the search box keeps its focus as it re-renders
  function peoplePicker() {
    return (
      <>
        {error ? <Alert variant="destructive">{errorMessage(t, error)}</Alert> : null}
        <div className="flex flex-col gap-2">
          <label htmlFor={ids.search} className="sr-only">
            {t('newChat.search')}
          </label>
          <Input
            id={ids.search}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t('newChat.search')}
            autoFocus
          />
        </div>
        {picked.length ? (
          <p className="text-sm text-muted-foreground" aria-live="polite">
            {t('newChat.selected', { count: picked.length })}: {picked.map((p) => p.displayName).join(', ')}
          </p>
        ) : null}
        <ul className="-mx-2 flex max-h-72 flex-col gap-0.5 overflow-y-auto" aria-label={t('people.results')}>
          {candidates.map((p) => {
            const selected = picked.some((x) => x.id === p.id);
            return (
              <li key={p.id}>
                <button
                  type="button"
                  onClick={() => toggle(p)}
                  aria-pressed={selected}
                  className={cn(
                    'flex w-full items-center gap-3 rounded-md px-2 py-2 text-left hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none',
                    selected && 'bg-primary-soft',
                  )}
                  data-testid="pick-person"
                >
                  <PersonAvatar userId={p.id} className="size-9" />
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium">{p.displayName}</span>
                    {directoryDetail(p) || p.email ? (
                      <span className="block truncate text-xs text-muted-foreground" data-testid="person-detail">
                        {directoryDetail(p) || p.email}
                      </span>
                    ) : null}
                  </span>
                  {selected ? <Check className="size-4 text-primary" aria-hidden="true" /> : null}
                </button>
              </li>
            );
          })}
          {query.trim() && candidates.length === 0 ? (
            <li className="px-2 py-4 text-center text-sm text-muted-foreground">
              {t('people.noResults', { q: query })}
            </li>
          ) : null}
        </ul>
        {picked.length > 1 ? (
          <div className="flex flex-col gap-2">
            <label htmlFor={ids.title} className="text-sm font-medium">
              {t('newChat.groupTitle')}
            </label>
            <Input id={ids.title} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={120} />
          </div>
        ) : null}
        <div className="flex justify-end">
          <Button onClick={() => void start()} disabled={picked.length === 0 || busy} data-testid="start-chat">
            {t('newChat.start')}
          </Button>
        </div>
      </>
    );
  }
}
