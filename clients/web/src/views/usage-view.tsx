import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useEffect } from 'react';
import { Button } from '../components/ui/button.tsx';
import { useT } from '../lib/i18n.ts';
import { useIsAdmin } from '../lib/numbers-hooks.ts';
import { monthLabel, monthOf, shiftMonth } from '../lib/usage-format.ts';
import { useUsage, useUsageStore } from '../lib/usage-hooks.ts';
import { UsageMine } from './usage-mine.tsx';
import { UsageOrg } from './usage-org.tsx';

/**
 * The Usage page (ADR 0021): my month (total against my cap, by feature and country, the costliest
 * lines) and, for an admin, the organisation's (a bar per day, by country and by person). A month
 * switcher reads earlier months; the future is not offered.
 */
export function UsageView() {
  const { t, locale } = useT();
  const admin = useIsAdmin();
  const store = useUsageStore();
  const month = useUsage((s) => s.month);
  const thisMonth = monthOf(new Date());
  useEffect(() => {
    void store.load({ admin });
  }, [store, admin]);
  const show = (by: number) => void store.showMonth(shiftMonth(month, by), { admin });
  const retry = () => void store.load({ admin });
  return (
    <main className="min-h-0 flex-1 overflow-y-auto bg-subtle" data-testid="usage-view">
      <div className="mx-auto flex max-w-3xl flex-col gap-5 px-4 py-6 md:py-10">
        <header className="flex flex-wrap items-end justify-between gap-3">
          <div className="flex flex-col gap-1">
            <h1 className="text-2xl font-semibold tracking-tight">{t('usage.title')}</h1>
            <p className="text-sm text-muted-foreground">{t('usage.lead')}</p>
          </div>
          <div className="flex items-center gap-1">
            <Button variant="ghost" size="icon" aria-label={t('usage.previousMonth')} onClick={() => show(-1)}>
              <ChevronLeft className="size-4" aria-hidden="true" />
            </Button>
            <span className="min-w-36 text-center text-sm font-medium" data-testid="usage-month" aria-live="polite">
              {monthLabel(month, locale)}
            </span>
            <Button
              variant="ghost"
              size="icon"
              aria-label={t('usage.nextMonth')}
              disabled={month >= thisMonth}
              onClick={() => show(1)}
            >
              <ChevronRight className="size-4" aria-hidden="true" />
            </Button>
          </div>
        </header>
        <UsageMine onRetry={retry} />
        {admin ? <UsageOrg onRetry={retry} /> : null}
      </div>
    </main>
  );
}
