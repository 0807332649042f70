import { Loader2, Search } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Button } from '../components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../components/ui/card.tsx';
import { useWorkspace } from '../lib/hooks.ts';
import { type MessageKey, useT } from '../lib/i18n.ts';
import type { NumberOrder, NumberType } from '../lib/numbers-api.ts';
import { numbersErrorMessage } from '../lib/numbers-errors.ts';
import { countryName, flagOf, formatPhone } from '../lib/numbers-format.ts';
import { useAdminNumbers } from '../lib/numbers-hooks.ts';
import { AdminSelect } from './admin-select.tsx';

/** Search a country's free numbers; order Chime's, import the SIP trunk's; the order's state follows live. */
export function AdminNumberSearch() {
  const { t, locale } = useT();
  const { adminNumbers } = useWorkspace();
  const countries = useAdminNumbers((s) => s.countries.value);
  const search = useAdminNumbers((s) => s.search);
  const order = useAdminNumbers((s) => s.order);
  const busy = useAdminNumbers((s) => s.busy);
  const actionError = useAdminNumbers((s) => s.actionError);
  const [country, setCountry] = useState('');
  const [type, setType] = useState<NumberType>('local');
  const [picked, setPicked] = useState<string[]>([]);
  const ids = { title: useId(), country: useId(), type: useId() };

  const offered = countries ?? [];
  const chosen = offered.find((c) => c.country === country) ?? offered[0];
  useEffect(() => {
    if (!country && offered[0]) setCountry(offered[0].country);
  }, [country, offered]);
  const shownCountry = offered.find((c) => c.country === search.country);
  const importing = shownCountry?.carrier === 'sip-trunk';
  const results = search.results;
  const stillPicked = picked.filter((e164) => results.some((r) => r.e164 === e164));

  function runSearch() {
    if (!chosen) return;
    setPicked([]);
    void adminNumbers.search(chosen.country, chosen.types.includes(type) ? type : 'local');
  }

  return (
    <Card aria-labelledby={ids.title}>
      <CardHeader>
        <CardTitle id={ids.title}>{t('admin.searchTitle')}</CardTitle>
        <CardDescription>{t('admin.searchLead')}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <form
          className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            runSearch();
          }}
        >
          <div className="flex flex-col gap-1.5">
            <label htmlFor={ids.country} className="text-sm font-medium">
              {t('admin.country')}
            </label>
            <AdminSelect
              id={ids.country}
              value={chosen?.country ?? ''}
              onChange={(e) => setCountry(e.target.value)}
              data-testid="search-country"
            >
              {offered.map((c) => (
                <option key={c.country} value={c.country}>
                  {`${flagOf(c.country)} ${countryName(c.country, locale, c.name)} (${c.dialCode})`}
                </option>
              ))}
            </AdminSelect>
          </div>
          <div className="flex flex-col gap-1.5">
            <label htmlFor={ids.type} className="text-sm font-medium">
              {t('admin.type')}
            </label>
            <AdminSelect id={ids.type} value={type} onChange={(e) => setType(e.target.value as NumberType)}>
              {(chosen?.types ?? ['local']).map((option) => (
                <option key={option} value={option}>
                  {t(`numbers.type.${option}` as MessageKey)}
                </option>
              ))}
            </AdminSelect>
          </div>
          <Button type="submit" disabled={!chosen || search.status === 'loading'} data-testid="search-numbers">
            {search.status === 'loading' ? (
              <Loader2 className="animate-spin" aria-hidden="true" />
            ) : (
              <Search aria-hidden="true" />
            )}
            {search.status === 'loading' ? t('admin.searching') : t('admin.search')}
          </Button>
        </form>
        {search.status === 'error' ? <Alert variant="destructive">{numbersErrorMessage(t, search.error)}</Alert> : null}
        {order.error ? <Alert variant="destructive">{numbersErrorMessage(t, order.error)}</Alert> : null}
        {actionError?.action === 'importing' && results.some((r) => r.e164 === actionError.e164) ? (
          <Alert variant="destructive">{numbersErrorMessage(t, actionError.error)}</Alert>
        ) : null}
        {search.status === 'ready' && results.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('admin.noResults')}</p>
        ) : null}
        {results.length ? (
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-semibold text-muted-foreground">{t('admin.results')}</legend>
            <ul className="flex flex-col divide-y rounded-md border" data-testid="search-results">
              {results.map((r) => (
                <li key={r.e164} className="flex items-center gap-3 px-3 py-2">
                  {importing ? null : (
                    <input
                      type="checkbox"
                      className="size-4 accent-primary"
                      checked={stillPicked.includes(r.e164)}
                      onChange={(e) =>
                        setPicked((list) => (e.target.checked ? [...list, r.e164] : list.filter((x) => x !== r.e164)))
                      }
                      aria-label={t('admin.select', { number: formatPhone(r.e164) })}
                    />
                  )}
                  <span aria-hidden="true">{flagOf(r.country)}</span>
                  <span className="flex-1 font-medium tabular-nums">{formatPhone(r.e164)}</span>
                  {importing ? (
                    <Button
                      variant="outline"
                      size="sm"
                      disabled={Boolean(busy[r.e164])}
                      onClick={() => void adminNumbers.importNumber(r.e164)}
                      aria-label={t('admin.importNumber', { number: formatPhone(r.e164) })}
                    >
                      {t('admin.import')}
                    </Button>
                  ) : null}
                </li>
              ))}
            </ul>
            {importing ? null : (
              <div className="flex justify-end">
                <Button
                  disabled={stillPicked.length === 0 || order.status === 'placing'}
                  onClick={() => void adminNumbers.order(stillPicked).then(() => setPicked([]))}
                  data-testid="order-numbers"
                >
                  {order.status === 'placing' ? t('admin.ordering') : t('admin.order', { count: stillPicked.length })}
                </Button>
              </div>
            )}
          </fieldset>
        ) : null}
        {order.value ? <OrderStatus order={order.value} /> : null}
      </CardContent>
    </Card>
  );
}

/** The order placed from here, in the carrier's words made plain (a live region: it changes while polled). */
function OrderStatus({ order }: { order: NumberOrder }) {
  const { t } = useT();
  const tone = order.status === 'failed' ? 'destructive' : order.status === 'pending-documents' ? 'warning' : 'default';
  return (
    <div role="status" aria-live="polite" data-testid="order-status" data-status={order.status}>
      <Alert variant={tone} role="presentation" className="flex-col gap-1">
        <span className="font-semibold">{t('admin.orderTitle', { id: order.id })}</span>
        <span className="flex items-center gap-2">
          {order.status === 'processing' ? <Loader2 className="size-4 animate-spin" aria-hidden="true" /> : null}
          {t(`admin.order.${order.status}` as MessageKey)}
        </span>
        <span className="text-xs tabular-nums">{order.numbers.map((n) => formatPhone(n.e164)).join(' · ')}</span>
      </Alert>
    </div>
  );
}
