import { Grid3x3, X } from 'lucide-react';
import { useCallback, useState } from 'react';
import { Button } from '../components/ui/button.tsx';
import { callDuration, endedText } from '../lib/call-format.ts';
import type { CurrentCall } from '../lib/call-store.ts';
import { useTick, useWorkspace } from '../lib/hooks.ts';
import { type Translate, useT } from '../lib/i18n.ts';
import { type CallMedia, initialMediaState, type MediaState } from '../lib/media/call-media.ts';
import { refusalText } from '../lib/phone-errors.ts';
import { billedCost, formatMoney, formatNumber } from '../lib/phone-format.ts';
import { createStore, useStore } from '../lib/store.ts';
import { cn } from '../lib/utils.ts';
import { HangupButton, MuteButton } from './call-control-buttons.tsx';
import { Keypad } from './keypad.tsx';
import { PhoneFlag } from './phone-flag.tsx';

const idle = createStore<MediaState>(initialMediaState);

function elapsedSeconds(call: CurrentCall, now: number): number | undefined {
  if (call.phase === 'ended') return call.durationSeconds;
  if (call.phase !== 'active' || !call.answeredAt) return undefined;
  return Math.max(0, Math.floor((now - Date.parse(call.answeredAt)) / 1000));
}

function statusLine(call: CurrentCall, media: MediaState, name: string, t: Translate, elapsed?: number): string {
  if (call.error === 'call_not_allowed') return refusalText(t, call.refusal);
  if (call.phase === 'ended') return endedText(call, t);
  if (call.phase === 'outgoing') return t('call.calling', { name });
  if (media.status === 'reconnecting') return t('call.reconnecting');
  if (call.phase !== 'active' || elapsed === undefined) return t('call.connecting');
  return t('phone.connected', { duration: callDuration(elapsed) });
}

/** What the call costs: as billed so far while it is on, the service's price once it ended. */
function costLine(call: CurrentCall, elapsed: number | undefined, t: Translate, locale: string): string | undefined {
  const rate = call.phone?.rate;
  if (call.phase === 'ended') {
    const amount = call.cost?.amount ?? (rate && elapsed ? billedCost(elapsed, rate) : undefined);
    return amount === undefined ? undefined : t('phone.cost', { amount: formatMoney(amount, 'USD', locale) });
  }
  if (!rate) return undefined;
  const price = t('phone.rate', { price: formatMoney(rate.ratePerMinute, rate.currency, locale) });
  if (elapsed === undefined) return price;
  const soFar = t('phone.costSoFar', { amount: formatMoney(billedCost(elapsed, rate), rate.currency, locale) });
  return `${soFar} · ${price}`;
}

/** A call with a phone, full screen: who (number, flag or a contact's name), state and timer, cost, keys, mute, hang up. */
export function PhoneCallScreen({ call }: { call: CurrentCall }) {
  const { t, locale } = useT();
  const { calls } = useWorkspace();
  const engine = call.engine;
  const media = useStore(engine?.state ?? idle);
  const now = useTick(1000);
  const [keypad, setKeypad] = useState(false);
  const [sent, setSent] = useState('');
  const [dtmfFailed, setDtmfFailed] = useState(false);
  const audio = useCallback(
    (element: HTMLMediaElement | null) => {
      engine?.attach('remote-audio', element);
      return () => engine?.attach('remote-audio', null);
    },
    [engine],
  );
  const number = call.phone?.number ?? call.peerId;
  const shown = formatNumber(number);
  const name = call.phone?.callerName ?? call.peerName ?? shown;
  const ended = call.phase === 'ended';
  const elapsed = elapsedSeconds(call, now);
  const cost = costLine(call, elapsed, t, locale);
  const press = (key: string) => {
    setSent((s) => (s + key).slice(-24));
    void calls.sendDigits(key).then((ok) => setDtmfFailed(!ok));
  };
  return (
    <section
      aria-label={t('phone.call')}
      data-testid="call-screen"
      data-phase={call.phase}
      data-kind={call.kind}
      className="fixed inset-0 z-50 flex flex-col items-center bg-zinc-950 text-white"
    >
      {/* biome-ignore lint/a11y/useMediaCaption: live call audio has no captions to offer */}
      <audio ref={audio} autoPlay data-testid="remote-audio" />
      <header className="flex w-full max-w-sm flex-col items-center gap-2 px-4 pt-[max(2.5rem,env(safe-area-inset-top))] text-center">
        <PhoneFlag country={call.phone?.country} className="text-4xl" />
        <h2 className="max-w-full truncate text-2xl font-semibold" data-testid="phone-name">
          {name}
        </h2>
        {name !== shown ? <p className="text-sm text-zinc-300 tabular-nums">{shown}</p> : null}
        <p className="text-sm text-zinc-300" data-testid="call-status" aria-live="polite">
          {statusLine(call, media, name, t, elapsed)}
        </p>
        {cost ? (
          <p className="text-sm font-medium text-emerald-300 tabular-nums" data-testid="call-cost">
            {cost}
          </p>
        ) : null}
      </header>
      <div className="flex min-h-0 w-full max-w-xs flex-1 flex-col justify-center gap-3 px-4">
        {keypad && !ended ? (
          <>
            <p className="min-h-7 text-center text-xl tracking-widest tabular-nums" data-testid="dtmf-sent">
              {sent}
            </p>
            <Keypad dark label={t('phone.keypad')} keyPrefix={t('phone.sendKey')} onKey={press} />
            {dtmfFailed ? (
              <p role="alert" className="rounded-lg bg-rose-600/90 px-3 py-2 text-center text-sm">
                {t('phone.dtmfFailed')}
              </p>
            ) : null}
          </>
        ) : null}
        {media.error ? (
          <p role="alert" className="rounded-lg bg-rose-600/90 px-3 py-2 text-sm">
            {t('call.noMedia', { reason: media.error })}
          </p>
        ) : null}
      </div>
      <footer className="flex flex-wrap items-center justify-center gap-3 px-4 pt-3 pb-[max(1.5rem,env(safe-area-inset-bottom))]">
        {ended ? (
          <Button variant="secondary" onClick={() => calls.dismiss()}>
            <X aria-hidden="true" />
            {t('call.close')}
          </Button>
        ) : (
          <Controls call={call} media={media} engine={engine} keypad={keypad} setKeypad={setKeypad} t={t} />
        )}
      </footer>
    </section>
  );
}

function Controls({
  call,
  media,
  engine,
  keypad,
  setKeypad,
  t,
}: {
  call: CurrentCall;
  media: MediaState;
  engine?: CallMedia;
  keypad: boolean;
  setKeypad: (on: boolean) => void;
  t: Translate;
}) {
  const round = 'size-14 rounded-full [&_svg]:size-6';
  return (
    <>
      <MuteButton media={media} engine={engine} t={t} className={round} />
      <Button
        variant="secondary"
        className={cn(round, keypad && 'bg-white text-zinc-900 hover:bg-white/90')}
        size="icon"
        aria-pressed={keypad}
        aria-label={keypad ? t('phone.hideKeypad') : t('phone.keypad')}
        disabled={call.phase !== 'active'}
        onClick={() => setKeypad(!keypad)}
        data-testid="call-keypad"
      >
        <Grid3x3 aria-hidden="true" />
      </Button>
      <HangupButton call={call} t={t} className={cn(round, 'w-20')} />
    </>
  );
}
