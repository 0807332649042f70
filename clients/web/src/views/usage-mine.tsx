import { Card, CardContent, CardHeader, CardTitle } from '../components/ui/card.tsx';
import { Skeleton } from '../components/ui/skeleton.tsx';
import { type MessageKey, useT } from '../lib/i18n.ts';
import type { MyUsage, UsageLine } from '../lib/usage-api.ts';
import { formatMoney, monthLabel } from '../lib/usage-format.ts';
import { useUsage } from '../lib/usage-hooks.ts';
import { CountryLabel, featureLabel, GroupBars, LoadFailed, Money, quantityLabel } from './usage-parts.tsx';

/** My month: the total against my cap, by feature, by country, and the lines that cost most. */
export function UsageMine({ onRetry }: { onRetry: () => void }) {
  const { t, locale } = useT();
  const mine = useUsage((s) => s.mine);
  const month = useUsage((s) => s.month);
  const usage = mine.value?.month === month ? mine.value : undefined;
  return (
    <section aria-labelledby="usage-mine" className="flex flex-col gap-3" data-testid="usage-mine">
      <h2 id="usage-mine" className="text-lg font-semibold">
        {t('usage.mine')}
      </h2>
      {mine.status === 'error' && !usage ? <LoadFailed message={t('usage.loadError')} onRetry={onRetry} /> : null}
      {!usage && mine.status !== 'error' ? <Skeleton className="h-40" data-testid="usage-mine-loading" /> : null}
      {usage && usage.costliest.length === 0 && usage.totalMicros === 0 ? (
        <div className="rounded-lg border bg-card px-5 py-8 text-center" data-testid="usage-mine-empty">
          <p className="font-medium">{t('usage.empty', { month: monthLabel(month, locale) })}</p>
          <p className="mt-1 text-sm text-muted-foreground">{t('usage.emptyHint')}</p>
        </div>
      ) : null}
      {usage && (usage.costliest.length > 0 || usage.totalMicros > 0) ? <MineReady usage={usage} /> : null}
    </section>
  );
}

function MineReady({ usage }: { usage: MyUsage }) {
  const { t, locale } = useT();
  const share = usage.capMicros > 0 ? Math.min(1, usage.totalMicros / usage.capMicros) : 0;
  return (
    <>
      <Card>
        <CardContent className="flex flex-col gap-3 pt-5">
          <div className="flex items-baseline justify-between gap-3">
            <span className="text-sm text-muted-foreground">{t('usage.total')}</span>
            <Money micros={usage.totalMicros} className="text-2xl font-semibold tabular-nums" />
          </div>
          {usage.capMicros > 0 ? (
            <>
              {/* the sentence below says it in words: the bar is decoration */}
              <div className="h-2 rounded-full bg-muted" aria-hidden="true">
                <div
                  className={share >= 1 ? 'h-2 rounded-full bg-red-600' : 'h-2 rounded-full bg-primary'}
                  style={{ width: `${share * 100}%` }}
                />
              </div>
              <p className="text-sm text-muted-foreground" data-testid="usage-cap">
                {share >= 1
                  ? t('usage.capReached')
                  : t('usage.capUsed', {
                      used: formatMoney(usage.totalMicros, locale),
                      cap: formatMoney(usage.capMicros, locale),
                    })}
              </p>
            </>
          ) : null}
        </CardContent>
      </Card>
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t('usage.byFeature')}</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="flex flex-col gap-2" data-testid="usage-by-feature">
              {usage.byFeature.map((f) => (
                <li key={`${f.key}#${f.unit}`} className="flex items-baseline justify-between gap-3 text-sm">
                  <span className="min-w-0">
                    <span className="font-medium">{featureLabel(t, f.key)}</span>{' '}
                    <span className="text-muted-foreground">{quantityLabel(t, locale, f.quantity, f.unit)}</span>
                  </span>
                  <Money micros={f.amountMicros} />
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t('usage.byCountry')}</CardTitle>
          </CardHeader>
          <CardContent>
            <GroupBars
              groups={usage.byCountry}
              label={(key) => <CountryLabel country={key} />}
              testId="usage-by-country"
            />
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>{t('usage.costliest')}</CardTitle>
        </CardHeader>
        <CardContent>
          <ol className="flex flex-col divide-y" data-testid="usage-costliest">
            {usage.costliest.map((line) => (
              <CostlyLine key={line.eventId} line={line} />
            ))}
          </ol>
        </CardContent>
      </Card>
    </>
  );
}

function CostlyLine({ line }: { line: UsageLine }) {
  const { t, locale } = useT();
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(line.at));
  return (
    <li className="flex items-center justify-between gap-3 py-2 text-sm" data-testid="usage-costly-line">
      <div className="flex min-w-0 flex-col">
        <span className="font-medium">
          {featureLabel(t, line.feature)}
          {line.direction ? (
            <span className="font-normal text-muted-foreground">
              {' · '}
              {t(`usage.direction.${line.direction}` as MessageKey)}
            </span>
          ) : null}
        </span>
        <span className="flex flex-wrap items-center gap-x-2 text-xs text-muted-foreground">
          <time dateTime={line.at}>{when}</time>
          <span>{quantityLabel(t, locale, line.quantity, line.unit)}</span>
          {line.country ? <CountryLabel country={line.country} /> : null}
        </span>
      </div>
      <Money micros={line.amountMicros} className="shrink-0 font-medium tabular-nums" />
    </li>
  );
}
