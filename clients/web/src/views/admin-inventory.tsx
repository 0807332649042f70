import { useId, useState } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Badge } from '../components/ui/badge.tsx';
import { Button } from '../components/ui/button.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '../components/ui/card.tsx';
import { Skeleton } from '../components/ui/skeleton.tsx';
import { useWorkspace } from '../lib/hooks.ts';
import { type MessageKey, useT } from '../lib/i18n.ts';
import type { NumberCountry, PhoneNumber } from '../lib/numbers-api.ts';
import { numbersErrorMessage } from '../lib/numbers-errors.ts';
import { countryName, flagOf, formatPhone } from '../lib/numbers-format.ts';
import { useAdminNumbers } from '../lib/numbers-hooks.ts';
import { AssignDialog, ReleaseDialog } from './admin-number-dialogs.tsx';

/** The inventory, one card per country offered, each number with what can be done to it. */
export function AdminInventory() {
  const { t } = useT();
  const { adminNumbers } = useWorkspace();
  const countries = useAdminNumbers((s) => s.countries);
  const numbers = useAdminNumbers((s) => s.numbers);
  const actionError = useAdminNumbers((s) => s.actionError);
  const [assigning, setAssigning] = useState<PhoneNumber>();
  const [releasing, setReleasing] = useState<PhoneNumber>();
  const id = useId();

  const loading = !countries.value || !numbers.value;
  const failed = (countries.status === 'error' && !countries.value) || (numbers.status === 'error' && !numbers.value);
  const offered = countries.value ?? [];
  // A number of a country no longer offered still shows, under its own code.
  const extra = [...new Set((numbers.value ?? []).map((n) => n.country))]
    .filter((code) => !offered.some((c) => c.country === code))
    .map(
      (code): NumberCountry => ({
        country: code,
        name: code,
        dialCode: '',
        carrier: 'chime',
        types: [],
        documentsRequired: false,
      }),
    );

  return (
    <section aria-labelledby={id} className="flex flex-col gap-3">
      <h2 id={id} className="text-lg font-semibold">
        {t('admin.inventory')}
      </h2>
      {failed ? (
        <Alert variant="destructive" className="items-center justify-between">
          <span>{t('admin.loadError')}</span>
          <Button variant="outline" size="sm" onClick={() => void adminNumbers.load()}>
            {t('common.tryAgain')}
          </Button>
        </Alert>
      ) : null}
      {actionError?.action === 'unassigning' ? (
        <Alert variant="destructive">{numbersErrorMessage(t, actionError.error)}</Alert>
      ) : null}
      {loading && !failed ? <Skeleton className="h-32" /> : null}
      {!loading && offered.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t('admin.noCountries')}</p>
      ) : null}
      {loading
        ? null
        : [...offered, ...extra].map((country) => (
            <CountryCard
              key={country.country}
              country={country}
              numbers={(numbers.value ?? []).filter((n) => n.country === country.country)}
              onAssign={setAssigning}
              onRelease={setReleasing}
            />
          ))}
      <AssignDialog number={assigning} onClose={() => setAssigning(undefined)} />
      <ReleaseDialog number={releasing} onClose={() => setReleasing(undefined)} />
    </section>
  );
}

function CountryCard({
  country,
  numbers,
  onAssign,
  onRelease,
}: {
  country: NumberCountry;
  numbers: PhoneNumber[];
  onAssign: (n: PhoneNumber) => void;
  onRelease: (n: PhoneNumber) => void;
}) {
  const { t, locale } = useT();
  const id = useId();
  const live = numbers.filter((n) => n.state !== 'released');
  const free = live.filter((n) => n.state === 'available').length;
  return (
    <Card aria-labelledby={id} data-testid={`country-${country.country}`}>
      <CardHeader className="flex-row flex-wrap items-center gap-x-3 gap-y-1">
        <span className="text-2xl leading-none" aria-hidden="true">
          {flagOf(country.country)}
        </span>
        <CardTitle id={id} className="min-w-0">
          {countryName(country.country, locale, country.name)}
          {country.dialCode ? <span className="ml-2 font-normal text-muted-foreground">{country.dialCode}</span> : null}
        </CardTitle>
        <span className="text-xs text-muted-foreground">
          {t('admin.via', {
            carrier: country.carrierName ?? (country.carrier === 'chime' ? 'Amazon Chime' : 'SIP trunk'),
          })}
        </span>
        {country.documentsRequired ? <Badge variant="outline">{t('admin.documents')}</Badge> : null}
        <span className="ml-auto text-sm text-muted-foreground" data-testid="country-summary">
          {t(live.length === 1 ? 'admin.summaryOne' : 'admin.summary', { total: live.length, free })}
        </span>
      </CardHeader>
      <CardContent>
        {numbers.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('admin.noNumbers')}</p>
        ) : (
          <ul className="flex flex-col divide-y">
            {numbers.map((n) => (
              <NumberRow key={n.e164} number={n} onAssign={onAssign} onRelease={onRelease} />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

function NumberRow({
  number: n,
  onAssign,
  onRelease,
}: {
  number: PhoneNumber;
  onAssign: (n: PhoneNumber) => void;
  onRelease: (n: PhoneNumber) => void;
}) {
  const { t } = useT();
  const { adminNumbers } = useWorkspace();
  const busy = useAdminNumbers((s) => Boolean(s.busy[n.e164]));
  const shown = formatPhone(n.e164);
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-2 py-3" data-testid="number-row" data-e164={n.e164}>
      <span className="min-w-0 flex-1 basis-56">
        <span className="flex items-center gap-2">
          <span className="font-medium whitespace-nowrap tabular-nums">{shown}</span>
          <Badge variant={n.state === 'assigned' ? 'soft' : 'secondary'} data-testid="number-state">
            {t(`numbers.state.${n.state}` as MessageKey)}
          </Badge>
        </span>
        <span className="block truncate text-xs text-muted-foreground">
          {t(`numbers.type.${n.type}` as MessageKey)}
          {n.assignedTo ? ` · ${t('admin.assignedTo', { name: n.assignedTo.displayName })}` : ''}
        </span>
      </span>
      {n.state === 'available' || n.state === 'assigned' ? (
        <span className="ml-auto flex gap-2">
          {n.state === 'available' ? (
            <Button
              size="sm"
              disabled={busy}
              onClick={() => onAssign(n)}
              aria-label={t('admin.assignNumber', { number: shown })}
            >
              {t('admin.assign')}
            </Button>
          ) : (
            <Button
              size="sm"
              variant="outline"
              disabled={busy}
              onClick={() => void adminNumbers.unassign(n.e164)}
              aria-label={t('admin.unassignNumber', { number: shown })}
            >
              {t('admin.unassign')}
            </Button>
          )}
          <Button
            size="sm"
            variant="ghost"
            className="text-destructive"
            disabled={busy}
            onClick={() => onRelease(n)}
            aria-label={t('admin.releaseNumber', { number: shown })}
          >
            {t('admin.release')}
          </Button>
        </span>
      ) : null}
    </li>
  );
}
