import { UserPlus, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button } from '../components/ui/button.tsx';
import { contactNoticesFor } from '../lib/contact-notices.ts';
import { useDisplayName, usePeople, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import { useStore } from '../lib/store.ts';
import { PersonAvatar } from './person-avatar.tsx';

const NONE: string[] = [];

/** Toasts "Ana added you as a contact" with "Add back", on every view while signed in. */
export function ContactAddedNotices() {
  const { realtime, me } = useWorkspace();
  const store = contactNoticesFor(realtime, me.id);
  const notices = useStore(store.state);
  if (notices.length === 0) return null;
  return (
    <section
      aria-live="polite"
      className="pointer-events-none fixed right-4 bottom-20 z-40 flex w-80 max-w-[calc(100vw-2rem)] flex-col gap-2 md:bottom-4"
    >
      {notices.map((n) => (
        <Notice key={n.id} userId={n.userId} onDismiss={() => store.dismiss(n.id)} />
      ))}
    </section>
  );
}

function Notice({ userId, onDismiss }: { userId: string; onDismiss: () => void }) {
  const { t } = useT();
  const { people } = useWorkspace();
  const name = useDisplayName(userId);
  const contacts = usePeople((s) => s.contacts) ?? NONE;
  const profile = usePeople((s) => s.profiles[userId]);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const isContact = contacts.includes(userId);

  useEffect(() => {
    void people.ensureProfiles([userId]);
    if (!people.state.get().contacts) void people.loadContacts().catch(() => undefined);
  }, [people, userId]);

  async function addBack() {
    setBusy(true);
    setFailed(false);
    try {
      await people.addContact(profile ?? { id: userId, displayName: name, roles: [] });
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div
      role="status"
      className="pointer-events-auto flex items-center gap-3 rounded-lg border bg-card p-3 shadow-lg"
      data-testid="contact-added-notice"
    >
      <PersonAvatar userId={userId} className="size-9" />
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium">{t('contactAdded.notice', { name })}</p>
        {failed ? <p className="text-xs text-destructive">{t('common.error')}</p> : null}
        {isContact ? <p className="text-xs text-muted-foreground">{t('contactAdded.added')}</p> : null}
      </div>
      {isContact ? null : (
        <Button size="sm" variant="outline" disabled={busy} onClick={() => void addBack()}>
          <UserPlus aria-hidden="true" />
          {t('contactAdded.addBack')}
        </Button>
      )}
      <Button size="icon-sm" variant="ghost" aria-label={t('contactAdded.dismiss')} onClick={onDismiss}>
        <X aria-hidden="true" />
      </Button>
    </div>
  );
}
