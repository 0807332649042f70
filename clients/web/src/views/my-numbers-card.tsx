import { Phone } from 'lucide-react';
import { useEffect, useId } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Button } from '../components/ui/button.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '../components/ui/card.tsx';
import { Skeleton } from '../components/ui/skeleton.tsx';
import { useWorkspace } from '../lib/hooks.ts';
import { type MessageKey, useT } from '../lib/i18n.ts';
import { countryName, flagOf, formatPhone } from '../lib/numbers-format.ts';
import { useMyNumbers } from '../lib/numbers-hooks.ts';

/** Settings: the phone number(s) people can call me at, kept live by the numbers frames. */
export function MyNumbersCard() {
  const { t, locale } = useT();
  const { myNumbers } = useWorkspace();
  const { status, value: numbers } = useMyNumbers((s) => s.numbers);
  const id = useId();

  useEffect(() => {
    void myNumbers.load();
  }, [myNumbers]);

  const first = numbers?.[0];
  return (
    <Card aria-labelledby={`${id}-title`} data-testid="my-numbers">
      <CardHeader>
        <CardTitle id={`${id}-title`}>{t('myNumber.title')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3" aria-live="polite" aria-busy={status === 'loading'}>
        {status === 'idle' || status === 'loading' ? <Skeleton className="h-14" /> : null}
        {status === 'error' ? (
          <Alert variant="destructive" className="items-center justify-between">
            <span>{t('myNumber.error')}</span>
            <Button variant="outline" size="sm" onClick={() => void myNumbers.load()}>
              {t('common.tryAgain')}
            </Button>
          </Alert>
        ) : null}
        {status === 'ready' && !first ? (
          <p className="flex items-center gap-2 text-sm text-muted-foreground" data-testid="my-numbers-empty">
            <Phone className="size-4 shrink-0" aria-hidden="true" />
            {t('myNumber.empty')}
          </p>
        ) : null}
        {numbers?.length ? (
          <>
            <ul className="flex flex-col gap-2">
              {numbers.map((n) => (
                <li key={n.e164} className="flex items-center gap-3 rounded-md bg-subtle px-3 py-2">
                  <span className="text-2xl leading-none" role="img" aria-label={countryName(n.country, locale)}>
                    {flagOf(n.country)}
                  </span>
                  <span className="min-w-0">
                    <span className="block text-lg font-semibold tabular-nums" data-testid="my-number">
                      {formatPhone(n.e164)}
                    </span>
                    <span className="block text-xs text-muted-foreground">
                      {countryName(n.country, locale)} · {t(`numbers.type.${n.type}` as MessageKey)}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
            <p className="text-sm text-muted-foreground">
              {numbers.length === 1 && first
                ? t('myNumber.callMe', { number: formatPhone(first.e164) })
                : t('myNumber.callMeMany')}
            </p>
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}
