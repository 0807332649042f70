import { Delete, Loader2, Phone } from 'lucide-react';
import { useEffect, useId } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Button } from '../components/ui/button.tsx';
import { askNotificationPermission } from '../lib/call-alerts.ts';
import { DIAL_KEYS, type DialKey } from '../lib/dial-pad-store.ts';
import { useCalls, useWorkspace } from '../lib/hooks.ts';
import { type Translate, useT } from '../lib/i18n.ts';
import { countryName } from '../lib/numbers-format.ts';
import { refusalText } from '../lib/phone-errors.ts';
import { formatMoney } from '../lib/phone-format.ts';
import { useDialPad } from '../lib/phone-hooks.ts';
import type { Quote } from '../lib/phone-model.ts';
import { Keypad } from './keypad.tsx';
import { PhoneFlag } from './phone-flag.tsx';

const isDialKey = (key: string): key is DialKey => (DIAL_KEYS as readonly string[]).includes(key);

/**
 * The keypad tab of the Calls view: a number typed on the keys or the keyboard, or pasted in any
 * format, shown with its flag and international format, and its price per minute before dialling
 * (or why it may not be called, with the Call button off).
 */
export function DialPad() {
  const { t, locale } = useT();
  const { dialPad, calls, myNumbers, me } = useWorkspace();
  const input = useDialPad((s) => s.input);
  const parsed = useDialPad((s) => s.parsed);
  const quote = useDialPad((s) => s.quote);
  const busy = useCalls((s) => s.current !== undefined && s.current.phase !== 'ended');
  const id = useId();

  // My Parley number's country is the default for national numbers when my profile has no mobile.
  useEffect(() => {
    if (!me.mobileNumber && myNumbers.state.get().numbers.status === 'idle') void myNumbers.load();
  }, [me.mobileNumber, myNumbers]);

  // Keys typed anywhere on the page (not into a field) go to the pad.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]') || e.metaKey || e.ctrlKey || e.altKey)
        return;
      if (isDialKey(e.key) || e.key === '+') dialPad.press(e.key);
      else if (e.key === 'Backspace') dialPad.backspace();
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [dialPad]);

  const ready = quote.status === 'ready' && quote.value && quote.for === parsed.e164 ? quote.value : undefined;
  const canCall = Boolean(ready?.allowed) && !busy;
  const country = parsed.country;
  const defaultCountry = dialPad.defaultCountry();
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="mx-auto flex w-full max-w-sm flex-col gap-4"
      data-testid="dial-pad"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {t('dialpad.title')}
      </h2>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-number`} className="text-sm font-medium">
          {t('dialpad.input')}
        </label>
        <div className="flex items-center gap-2">
          <input
            id={`${id}-number`}
            inputMode="tel"
            autoComplete="tel"
            value={input}
            placeholder={t('dialpad.placeholder')}
            onChange={(e) => dialPad.setInput(e.target.value)}
            aria-describedby={`${id}-shown ${id}-quote`}
            className="h-12 w-full min-w-0 rounded-md border border-input bg-background px-3 text-xl tabular-nums tracking-wide shadow-xs focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/30 focus-visible:outline-none"
            data-testid="dialpad-input"
          />
          <Button
            variant="ghost"
            size="icon"
            aria-label={t('dialpad.backspace')}
            disabled={!input}
            onClick={() => dialPad.backspace()}
          >
            <Delete aria-hidden="true" />
          </Button>
        </div>
        <p id={`${id}-shown`} className="flex min-h-7 items-center gap-2 text-base" data-testid="dialpad-number">
          <PhoneFlag country={country} className="text-2xl" />
          {parsed.e164 ? <span className="font-semibold tabular-nums">{parsed.display}</span> : null}
          {!parsed.e164 ? (
            <span className="text-sm text-muted-foreground">
              {input
                ? t('dialpad.incomplete')
                : defaultCountry
                  ? t('dialpad.hint', { country: countryName(defaultCountry, locale) })
                  : t('dialpad.hintNoCountry')}
            </span>
          ) : null}
        </p>
      </div>
      <div id={`${id}-quote`} aria-live="polite" className="min-h-12" data-testid="dialpad-quote">
        {parsed.e164 && quote.status === 'loading' ? (
          <p className="flex items-center gap-2 text-sm text-muted-foreground" role="status">
            <Loader2 className="size-4 animate-spin" aria-hidden="true" />
            {t('dialpad.quoting')}
          </p>
        ) : null}
        {parsed.e164 && quote.status === 'error' ? (
          <Alert variant="destructive" className="flex items-center justify-between gap-3">
            <span>{t('dialpad.quoteError')}</span>
            <Button variant="outline" size="sm" onClick={() => dialPad.retry()}>
              {t('common.tryAgain')}
            </Button>
          </Alert>
        ) : null}
        {ready ? <QuoteLine quote={ready} t={t} locale={locale} /> : null}
      </div>
      <Keypad label={t('dialpad.keys')} onKey={(key) => dialPad.press(key)} onLongZero={() => dialPad.press('+')} />
      <Button
        size="lg"
        className="h-14 rounded-full bg-emerald-700 text-base text-white hover:bg-emerald-800"
        disabled={!canCall}
        aria-label={parsed.e164 ? t('dialpad.callNumber', { number: parsed.display }) : t('dialpad.call')}
        data-testid="dialpad-call"
        onClick={() => {
          if (!ready) return;
          askNotificationPermission();
          const { ratePerMinute, currency, billing } = ready;
          void calls.dial(ready.to, { country: ready.country, rate: { ratePerMinute, currency, billing } });
        }}
      >
        <Phone aria-hidden="true" />
        {t('dialpad.call')}
      </Button>
    </section>
  );
}

function QuoteLine({ quote, t, locale }: { quote: Quote; t: Translate; locale: string }) {
  if (!quote.allowed)
    return (
      <Alert variant="destructive" data-testid="dialpad-refused">
        {refusalText(t, quote.reason, quote.message)}
      </Alert>
    );
  const { firstSeconds, nextSeconds } = quote.billing;
  const where = [
    t(`phone.type.${quote.numberType}`),
    quote.country ? countryName(quote.country, locale) : undefined,
  ].filter(Boolean);
  return (
    <div className="flex flex-col gap-0.5" data-testid="dialpad-price">
      <p className="text-base font-semibold">
        {t('dialpad.price', { price: formatMoney(quote.ratePerMinute, quote.currency, locale) })}
      </p>
      <p className="text-xs text-muted-foreground">
        {where.join(' · ')}
        {' · '}
        {firstSeconds === 60 && nextSeconds === 60
          ? t('dialpad.billedPerMinute')
          : t('dialpad.billed', { first: firstSeconds, next: nextSeconds })}
        {quote.remainingMinutesToday !== undefined
          ? ` ${t('dialpad.remaining', { minutes: quote.remainingMinutesToday })}`
          : ''}
      </p>
    </div>
  );
}
