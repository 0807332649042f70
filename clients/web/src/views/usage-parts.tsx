import type * as React from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Button } from '../components/ui/button.tsx';
import { type MessageKey, type Translate, useT } from '../lib/i18n.ts';
import { countryName, flagOf } from '../lib/numbers-format.ts';
import type { UsageGroup } from '../lib/usage-api.ts';
import { formatMoney, formatQuantity } from '../lib/usage-format.ts';

/** What the ledger calls a line with no country (an app call, a number's month). */
export const NO_COUNTRY = 'none';

const FEATURES = [
  'pstn-out',
  'pstn-in',
  'pstn-forward',
  'app-call',
  'sms',
  'whatsapp-message',
  'number-month',
  'voicemail-storage',
];
const UNITS = ['minute', 'attendee-minute', 'sms-segment', 'message', 'number-month', 'kilobyte-month'];

/** A feature in the reader's words (the ledger's own name for one this client does not know yet). */
export function featureLabel(t: Translate, feature: string): string {
  return FEATURES.includes(feature) ? t(`usage.feature.${feature}` as MessageKey) : feature;
}

/** "12:30 min", "3 SMS", "4 meeting min". */
export function quantityLabel(t: Translate, locale: string, quantity: number, unit: string): string {
  const q = formatQuantity(quantity, unit, locale);
  const key = UNITS.includes(q.unit) ? q.unit : 'other';
  return t(`usage.unit.${key}` as MessageKey, { value: q.value });
}

/** A country with its flag, or "No country". */
export function CountryLabel({ country }: { country: string | undefined }) {
  const { t, locale } = useT();
  if (!country || country === NO_COUNTRY) return <span className="text-muted-foreground">{t('usage.noCountry')}</span>;
  return (
    <span className="inline-flex items-center gap-1.5">
      <span role="img" aria-label={countryName(country, locale)}>
        {flagOf(country)}
      </span>
      {countryName(country, locale)}
    </span>
  );
}

export function Money({ micros, className }: { micros: number; className?: string }) {
  const { locale } = useT();
  return <span className={className ?? 'tabular-nums'}>{formatMoney(micros, locale)}</span>;
}

/**
 * Groups as rows with a bar of their share of the largest: a label (what the caller renders for a
 * key), the amount, and how many items.
 */
export function GroupBars({
  groups,
  label,
  testId,
}: {
  groups: UsageGroup[];
  label: (key: string) => React.ReactNode;
  testId: string;
}) {
  const { t } = useT();
  const max = Math.max(1, ...groups.map((g) => g.amountMicros));
  return (
    <ul className="flex flex-col gap-2" data-testid={testId}>
      {groups.map((g) => (
        <li key={g.key} className="flex flex-col gap-1" data-testid={`${testId}-row`} data-key={g.key}>
          <div className="flex items-baseline justify-between gap-3 text-sm">
            <span className="min-w-0 truncate">{label(g.key)}</span>
            <span className="flex shrink-0 items-baseline gap-2">
              <span className="text-xs text-muted-foreground">{t('usage.lines', { count: g.lines })}</span>
              <Money micros={g.amountMicros} className="font-medium tabular-nums" />
            </span>
          </div>
          <div className="h-1.5 rounded-full bg-muted" aria-hidden="true">
            <div className="h-1.5 rounded-full bg-primary" style={{ width: `${(g.amountMicros / max) * 100}%` }} />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** A part of the page that could not load, with a retry. */
export function LoadFailed({ message, onRetry }: { message: string; onRetry: () => void }) {
  const { t } = useT();
  return (
    <Alert variant="destructive" className="items-center justify-between">
      <span>{message}</span>
      <Button variant="outline" size="sm" onClick={onRetry}>
        {t('common.tryAgain')}
      </Button>
    </Alert>
  );
}
