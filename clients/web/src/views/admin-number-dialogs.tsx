import { useEffect, useId, useState } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Avatar } from '../components/ui/avatar.tsx';
import { Button } from '../components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '../components/ui/dialog.tsx';
import { Input } from '../components/ui/input.tsx';
import { useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import type { NumberAction } from '../lib/numbers-admin-store.ts';
import type { PhoneNumber } from '../lib/numbers-api.ts';
import { numbersErrorMessage } from '../lib/numbers-errors.ts';
import { formatPhone } from '../lib/numbers-format.ts';
import { useAdminNumbers } from '../lib/numbers-hooks.ts';
import { useDirectorySearch } from './use-directory-search.ts';

/** The error of the last `action` on `e164`, if any (shown inside that number's dialog). */
function useErrorFor(e164: string | undefined, action: NumberAction): unknown {
  return useAdminNumbers((s) =>
    e164 && s.actionError?.e164 === e164 && s.actionError.action === action ? s.actionError.error : undefined,
  );
}

/** Pick a person from the directory and give them the number. */
export function AssignDialog({ number, onClose }: { number: PhoneNumber | undefined; onClose: () => void }) {
  const { t } = useT();
  const { adminNumbers } = useWorkspace();
  const [query, setQuery] = useState('');
  const { results, loading } = useDirectorySearch(query);
  const busy = useAdminNumbers((s) => Boolean(number && s.busy[number.e164]));
  const error = useErrorFor(number?.e164, 'assigning');
  const searchId = useId();

  useEffect(() => {
    if (!number) setQuery('');
    else adminNumbers.clearActionError();
  }, [number, adminNumbers]);

  const shown = number ? formatPhone(number.e164) : '';
  return (
    <Dialog open={Boolean(number)} onOpenChange={(open) => !open && onClose()}>
      <DialogContent closeLabel={t('common.close')}>
        <DialogHeader>
          <DialogTitle>{t('admin.assignTitle', { number: shown })}</DialogTitle>
          <DialogDescription>{t('admin.assignLead')}</DialogDescription>
        </DialogHeader>
        {error ? <Alert variant="destructive">{numbersErrorMessage(t, error)}</Alert> : null}
        <label htmlFor={searchId} className="sr-only">
          {t('admin.assignSearch')}
        </label>
        <Input
          id={searchId}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('admin.assignSearch')}
          autoFocus
          data-testid="assign-search"
        />
        <ul className="-mx-2 flex max-h-72 flex-col gap-0.5 overflow-y-auto" aria-busy={loading}>
          {results.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                disabled={busy}
                onClick={() => {
                  if (number) void adminNumbers.assign(number.e164, p.id).then((done) => done && onClose());
                }}
                className="flex w-full items-center gap-3 rounded-md px-2 py-2 text-left hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none disabled:opacity-50"
                aria-label={t('admin.assignTo', { name: p.displayName })}
              >
                <Avatar name={p.displayName} seed={p.id} className="size-9" />
                <span className="min-w-0 flex-1">
                  <span className="block truncate font-medium">{p.displayName}</span>
                  {p.email ? <span className="block truncate text-xs text-muted-foreground">{p.email}</span> : null}
                </span>
              </button>
            </li>
          ))}
          {query.trim() && !loading && results.length === 0 ? (
            <li className="px-2 py-4 text-center text-sm text-muted-foreground">
              {t('people.noResults', { q: query.trim() })}
            </li>
          ) : null}
        </ul>
      </DialogContent>
    </Dialog>
  );
}

/** "Release this number?": it goes back to the carrier, and whoever had it loses it. */
export function ReleaseDialog({ number, onClose }: { number: PhoneNumber | undefined; onClose: () => void }) {
  const { t } = useT();
  const { adminNumbers } = useWorkspace();
  const busy = useAdminNumbers((s) => Boolean(number && s.busy[number.e164]));
  const error = useErrorFor(number?.e164, 'releasing');

  useEffect(() => {
    if (number) adminNumbers.clearActionError();
  }, [number, adminNumbers]);

  const shown = number ? formatPhone(number.e164) : '';
  return (
    <Dialog open={Boolean(number)} onOpenChange={(open) => !open && onClose()}>
      <DialogContent closeLabel={t('common.close')} role="alertdialog">
        <DialogHeader>
          <DialogTitle>{t('admin.releaseTitle', { number: shown })}</DialogTitle>
          <DialogDescription>
            {t('admin.releaseLead')}
            {number?.assignedTo ? ` ${t('admin.releaseOwner', { name: number.assignedTo.displayName })}` : ''}
          </DialogDescription>
        </DialogHeader>
        {error ? <Alert variant="destructive">{numbersErrorMessage(t, error)}</Alert> : null}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="outline" onClick={onClose}>
            {t('admin.cancel')}
          </Button>
          <Button
            variant="destructive"
            disabled={busy}
            onClick={() => {
              if (number) void adminNumbers.release(number.e164).then((done) => done && onClose());
            }}
            data-testid="confirm-release"
          >
            {t('admin.releaseConfirm')}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
