import { ShieldAlert } from 'lucide-react';
import { useEffect } from 'react';
import { useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import { useIsAdmin } from '../lib/numbers-hooks.ts';
import { AdminImport } from './admin-import.tsx';
import { AdminInventory } from './admin-inventory.tsx';
import { AdminNumberSearch } from './admin-number-search.tsx';

/** The admin area: phone numbers per country, search and order, import, assign and release. Admins only. */
export function AdminView() {
  const admin = useIsAdmin();
  return (
    // relative: visually hidden text (sr-only, absolute) stays inside this scroller, not the page (see settings-view)
    <main className="relative min-h-0 flex-1 overflow-y-auto bg-subtle">
      <div className="mx-auto flex max-w-3xl flex-col gap-5 px-4 py-6 md:py-10">
        {admin ? <AdminArea /> : <OnlyAdmins />}
      </div>
    </main>
  );
}

function AdminArea() {
  const { t } = useT();
  const { adminNumbers } = useWorkspace();
  useEffect(() => {
    void adminNumbers.load();
  }, [adminNumbers]);
  return (
    <>
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">{t('admin.title')}</h1>
        <p className="text-sm text-muted-foreground">{t('admin.lead')}</p>
      </header>
      <AdminInventory />
      <AdminNumberSearch />
      <AdminImport />
    </>
  );
}

/** What a non-admin sees at #/admin: a clear statement, nothing loaded from the server. */
function OnlyAdmins() {
  const { t } = useT();
  return (
    <section
      className="flex flex-col items-center gap-3 rounded-lg border bg-card px-6 py-12 text-center"
      data-testid="admin-only"
    >
      <div className="flex size-14 items-center justify-center rounded-2xl bg-muted text-muted-foreground">
        <ShieldAlert className="size-7" aria-hidden="true" />
      </div>
      <h1 className="text-lg font-semibold">{t('admin.onlyAdmins')}</h1>
      <p className="max-w-sm text-sm text-muted-foreground">{t('admin.onlyAdminsLead')}</p>
    </section>
  );
}
