import { Phone, PhoneIncoming, PhoneMissed, PhoneOutgoing, Voicemail } from 'lucide-react';
import { Button } from '../components/ui/button.tsx';
import { askNotificationPermission } from '../lib/call-alerts.ts';
import { callDuration } from '../lib/call-format.ts';
import type { Call } from '../lib/call-model.ts';
import { shortTime } from '../lib/format.ts';
import { useCalls, useWorkspace } from '../lib/hooks.ts';
import { type Translate, useT } from '../lib/i18n.ts';
import { phoneSideOf } from '../lib/phone-calls.ts';
import { countryOfNumber, formatMoney, formatNumber } from '../lib/phone-format.ts';
import { cn } from '../lib/utils.ts';
import { PhoneFlag } from './phone-flag.tsx';

/** How a phone call ended, for the log: its length when it was talked, else the reason ("No answer", "Busy"). */
function outcome(call: Call, missed: boolean, t: Translate): string {
  if (call.endReason === 'completed')
    return call.durationSeconds !== undefined ? callDuration(call.durationSeconds) : '';
  if (!call.endReason || missed) return '';
  return t(`call.ended.${call.endReason}`);
}

/** A phone call in the call log: number (or contact name) with its flag, what happened, its cost, and call back. */
export function PhoneCallRow({ call }: { call: Call }) {
  const { t, locale } = useT();
  const { calls } = useWorkspace();
  const busy = useCalls((s) => s.current !== undefined && s.current.phase !== 'ended');
  const side = phoneSideOf(call);
  const number = side?.number ?? (call.direction === 'incoming' ? call.callerId : call.calleeId);
  const shown = formatNumber(number);
  const name = side?.callerName ?? shown;
  const incoming = call.direction === 'incoming';
  const missed = incoming && call.endReason === 'missed';
  const Icon = missed ? PhoneMissed : incoming ? PhoneIncoming : PhoneOutgoing;
  const what = missed ? t('calls.missed') : t(incoming ? 'calls.incoming' : 'calls.outgoing');
  const cost = call.cost ? t('calls.cost', { amount: formatMoney(call.cost.amount, call.cost.currency, locale) }) : '';
  // An outgoing call's flag is the far end's country; an incoming one's, my number's: the caller's comes from the number.
  const country = (call.kind === 'pstn-out' ? side?.country : undefined) ?? countryOfNumber(number);
  return (
    <li
      className="flex items-center gap-3 px-3 py-3"
      data-testid="call-row"
      data-kind={call.kind}
      data-missed={missed || undefined}
    >
      <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-muted text-xl">
        {country ? <PhoneFlag country={country} /> : <Phone className="size-4" aria-hidden="true" />}
      </span>
      <div className="min-w-0 flex-1">
        <p className={cn('truncate font-medium', missed && 'text-destructive')} data-testid="call-row-name">
          {name}
          {missed && call.seen === false ? (
            <span className="ml-2 inline-block size-2 rounded-full bg-destructive" />
          ) : null}
        </p>
        {name !== shown ? <p className="truncate text-xs tabular-nums text-muted-foreground">{shown}</p> : null}
        <p
          className={cn('flex items-center gap-1 truncate text-xs text-muted-foreground', missed && 'text-destructive')}
        >
          <Icon aria-hidden="true" className="size-3.5 shrink-0" />
          {call.phone?.voicemailId ? <Voicemail aria-hidden="true" className="size-3.5 shrink-0" /> : null}
          <span data-testid="call-row-detail">
            {[what, outcome(call, missed, t), cost, call.phone?.voicemailId ? t('calls.tab.voicemail') : '']
              .filter(Boolean)
              .join(' · ')}
          </span>
        </p>
      </div>
      <time className="shrink-0 text-xs text-muted-foreground" dateTime={call.startedAt}>
        {shortTime(call.startedAt, locale)}
      </time>
      <Button
        variant="ghost"
        size="icon-sm"
        disabled={busy}
        aria-label={t('call.callPerson', { name })}
        title={t('call.audio')}
        onClick={() => {
          askNotificationPermission();
          void calls.dial(number, { country: side?.country, callerName: side?.callerName });
        }}
      >
        <Phone aria-hidden="true" />
      </Button>
    </li>
  );
}
