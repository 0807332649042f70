import { Phone, PhoneOff } from 'lucide-react';
import { Button } from '../components/ui/button.tsx';
import { askNotificationPermission } from '../lib/call-alerts.ts';
import type { Ring } from '../lib/call-store.ts';
import { useCalls, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import { countryName } from '../lib/numbers-format.ts';
import { formatNumber } from '../lib/phone-format.ts';
import { PhoneFlag } from './phone-flag.tsx';

/**
 * A phone dialling my Parley number: the caller's number (or their name when they are a contact),
 * which of my numbers it came to ("to your Panama number"), Answer and Decline. Audio only.
 */
export function PhoneRingingPanel({ ring }: { ring: Ring }) {
  const { t, locale } = useT();
  const { calls } = useWorkspace();
  const waiting = useCalls((s) => s.current !== undefined && s.current.phase !== 'ended');
  const number = ring.phone?.number ?? ring.callerId;
  const shown = formatNumber(number);
  const name = ring.phone?.callerName;
  const country = ring.phone?.country;
  const to = country
    ? t('phone.toYourNumber', { country: countryName(country, locale) })
    : t('phone.toYourParleyNumber');
  return (
    <section
      role="alertdialog"
      aria-labelledby={`ring-${ring.callId}-title`}
      aria-describedby={`ring-${ring.callId}-who`}
      data-testid="ringing-panel"
      data-kind="phone"
      className="pointer-events-auto w-full max-w-sm rounded-2xl border bg-background p-4 shadow-xl ring-1 ring-black/5"
    >
      <div className="flex items-center gap-3">
        <span className="relative flex size-12 shrink-0 items-center justify-center rounded-full bg-primary-soft text-primary-soft-foreground">
          <span
            className="absolute inset-0 animate-ping rounded-full bg-primary/30 motion-reduce:hidden"
            aria-hidden="true"
          />
          <Phone className="size-5" aria-hidden="true" />
        </span>
        <div className="min-w-0 flex-1">
          <p id={`ring-${ring.callId}-title`} className="text-xs font-medium text-muted-foreground">
            {waiting ? t('call.waiting') : t('phone.incoming')}
          </p>
          <p id={`ring-${ring.callId}-who`} className="flex flex-col">
            <span className="truncate text-base font-semibold" data-testid="ringing-name">
              {name ?? shown}
            </span>
            {name ? <span className="text-sm tabular-nums text-muted-foreground">{shown}</span> : null}
            <span className="flex items-center gap-1 text-xs text-muted-foreground" data-testid="ringing-to">
              <PhoneFlag country={country} />
              {to}
            </span>
          </p>
        </div>
      </div>
      <div className="mt-4 flex gap-2">
        <Button
          className="flex-1 bg-emerald-700 text-white hover:bg-emerald-800"
          onClick={() => {
            askNotificationPermission();
            void calls.answer(ring.callId, 'audio');
          }}
          aria-label={waiting ? t('call.endAndAnswer') : t('call.answer')}
        >
          <Phone aria-hidden="true" />
          {t('call.answer')}
        </Button>
        <Button variant="destructive" className="flex-1" onClick={() => void calls.decline(ring.callId)}>
          <PhoneOff aria-hidden="true" />
          {t('call.decline')}
        </Button>
      </div>
    </section>
  );
}
