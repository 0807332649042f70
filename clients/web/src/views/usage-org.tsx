import { Card, CardContent, CardHeader, CardTitle } from '../components/ui/card.tsx';
import { Skeleton } from '../components/ui/skeleton.tsx';
import { useDisplayName } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import { monthLabel } from '../lib/usage-format.ts';
import { useUsage } from '../lib/usage-hooks.ts';
import type { OrgMonth } from '../lib/usage-store.ts';
import { UsageDayChart } from './usage-day-chart.tsx';
import { UsageExportButton } from './usage-export-button.tsx';
import { CountryLabel, GroupBars, LoadFailed, Money } from './usage-parts.tsx';

/** The organisation's month (admins): the total, a bar per day, by country and by person; its CSV. */
export function UsageOrg({ onRetry }: { onRetry: () => void }) {
  const { t, locale } = useT();
  const org = useUsage((s) => s.org);
  const month = useUsage((s) => s.month);
  const value = org.value?.byUser.month === month ? org.value : undefined;
  return (
    <section aria-labelledby="usage-org" className="flex flex-col gap-3" data-testid="usage-org">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex flex-col gap-0.5">
          <h2 id="usage-org" className="text-lg font-semibold">
            {t('usage.org')}
          </h2>
          <p className="text-sm text-muted-foreground">{t('usage.orgLead', { month: monthLabel(month, locale) })}</p>
        </div>
        <UsageExportButton month={month} />
      </header>
      {org.status === 'error' && !value ? <LoadFailed message={t('usage.orgLoadError')} onRetry={onRetry} /> : null}
      {!value && org.status !== 'error' ? <Skeleton className="h-48" data-testid="usage-org-loading" /> : null}
      {value && value.byUser.groups.length === 0 ? (
        <p className="rounded-lg border bg-card px-5 py-8 text-center text-sm" data-testid="usage-org-empty">
          {t('usage.orgEmpty', { month: monthLabel(month, locale) })}
        </p>
      ) : null}
      {value && value.byUser.groups.length > 0 ? <OrgReady month={month} value={value} /> : null}
    </section>
  );
}

function OrgReady({ month, value }: { month: string; value: OrgMonth }) {
  const { t } = useT();
  return (
    <>
      <Card>
        <CardHeader className="flex-row items-baseline justify-between">
          <CardTitle>{t('usage.perDay')}</CardTitle>
          <Money micros={value.byUser.totalMicros} className="text-lg font-semibold tabular-nums" />
        </CardHeader>
        <CardContent>
          <UsageDayChart month={month} days={value.byUser.byDay} />
        </CardContent>
      </Card>
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t('usage.byCountry')}</CardTitle>
          </CardHeader>
          <CardContent>
            <GroupBars
              groups={value.byCountry.groups}
              label={(key) => <CountryLabel country={key} />}
              testId="usage-org-by-country"
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t('usage.byPerson')}</CardTitle>
          </CardHeader>
          <CardContent>
            <GroupBars
              groups={value.byUser.groups}
              label={(key) => <PersonName userId={key} />}
              testId="usage-org-by-person"
            />
          </CardContent>
        </Card>
      </div>
    </>
  );
}

function PersonName({ userId }: { userId: string }) {
  return <span>{useDisplayName(userId)}</span>;
}
