import { PhoneIncoming, PhoneMissed, PhoneOutgoing, Video } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Badge } from '../components/ui/badge.tsx';
import { Button } from '../components/ui/button.tsx';
import { Skeleton } from '../components/ui/skeleton.tsx';
import { callDuration } from '../lib/call-format.ts';
import type { Call } from '../lib/call-model.ts';
import { shortTime } from '../lib/format.ts';
import { useCalls, useDisplayName, useWorkspace } from '../lib/hooks.ts';
import { type MessageKey, useT } from '../lib/i18n.ts';
import { useVoicemail } from '../lib/phone-hooks.ts';
import { cn } from '../lib/utils.ts';
import { CallButtons } from './call-buttons.tsx';
import { DialPad } from './dial-pad.tsx';
import { PersonAvatar } from './person-avatar.tsx';
import { PhoneCallRow } from './phone-call-row.tsx';
import { VoicemailList } from './voicemail-list.tsx';

const TABS = ['recent', 'keypad', 'voicemail'] as const;
type Tab = (typeof TABS)[number];

/** The Calls view: the call log (Recent), the keypad to call a phone, and my voicemail. */
export function CallsView() {
  const { t } = useT();
  const { voicemail } = useWorkspace();
  const [tab, setTab] = useState<Tab>('recent');
  const unheard = useVoicemail((s) => s.list.unheardCount);
  const id = useId();

  // The Voicemail tab's badge needs the count before the tab is opened.
  useEffect(() => {
    if (voicemail.state.get().list.status === 'idle') void voicemail.load();
  }, [voicemail]);

  return (
    // relative: visually hidden text (sr-only, absolute) stays inside this scroller, not the page (see settings-view)
    <main className="relative min-h-0 flex-1 overflow-y-auto bg-background">
      <div className="mx-auto flex max-w-2xl flex-col gap-4 px-4 py-6 md:py-10">
        <header className="flex items-baseline gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{t('calls.title')}</h1>
        </header>
        <div role="tablist" aria-label={t('calls.tabs')} className="flex gap-1 rounded-lg bg-muted p-1">
          {TABS.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              id={`${id}-${name}`}
              aria-selected={tab === name}
              aria-controls={`${id}-${name}-panel`}
              data-testid={`calls-tab-${name}`}
              onClick={() => setTab(name)}
              className={cn(
                'relative flex flex-1 items-center justify-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium text-muted-foreground transition-colors focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none',
                tab === name && 'bg-background text-foreground shadow-sm',
              )}
            >
              {t(`calls.tab.${name}` as MessageKey)}
              {name === 'voicemail' && unheard > 0 ? (
                <Badge
                  className="min-w-5 bg-destructive px-1 py-0 text-[0.625rem] text-destructive-foreground"
                  data-testid="voicemail-badge"
                  aria-label={t('calls.unheard', { count: unheard })}
                >
                  {unheard > 99 ? '99+' : unheard}
                </Badge>
              ) : null}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`${id}-${tab}-panel`} aria-labelledby={`${id}-${tab}`} className="flex flex-col gap-4">
          {tab === 'recent' ? <CallLogList /> : null}
          {tab === 'keypad' ? <DialPad /> : null}
          {tab === 'voicemail' ? <VoicemailList /> : null}
        </div>
      </div>
    </main>
  );
}

/** The call log: newest first, missed calls in red, one click to call back; showing it marks missed calls seen. */
function CallLogList() {
  const { t } = useT();
  const { calls } = useWorkspace();
  const log = useCalls((s) => s.log);

  useEffect(() => {
    void calls.loadLog().then(() => calls.markSeen());
  }, [calls]);

  return (
    <>
      {log.status === 'loading' || log.status === 'idle' ? (
        <div className="flex flex-col gap-2" role="status" aria-busy="true">
          <span className="sr-only">{t('calls.loading')}</span>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-14 w-full" />
          ))}
        </div>
      ) : null}
      {log.status === 'error' ? (
        <Alert variant="destructive" className="flex items-center justify-between gap-3">
          <span>{t('calls.error')}</span>
          <Button variant="outline" size="sm" onClick={() => void calls.loadLog()}>
            {t('calls.retry')}
          </Button>
        </Alert>
      ) : null}
      {log.status === 'ready' && log.items.length === 0 ? (
        <div className="flex flex-col items-center gap-1 rounded-lg border border-dashed p-8 text-center">
          <p className="font-medium">{t('calls.empty')}</p>
          <p className="text-sm text-muted-foreground">{t('calls.emptyHint')}</p>
        </div>
      ) : null}
      {log.items.length > 0 ? (
        <ul className="flex flex-col divide-y rounded-lg border" data-testid="call-log">
          {log.items.map((call) =>
            call.kind === 'app' ? <CallRow key={call.id} call={call} /> : <PhoneCallRow key={call.id} call={call} />,
          )}
        </ul>
      ) : null}
      {log.nextBefore ? (
        <Button
          variant="outline"
          disabled={log.loadingMore}
          onClick={() => void calls.loadMore().catch(() => undefined)}
        >
          {t('calls.more')}
        </Button>
      ) : null}
    </>
  );
}

function CallRow({ call }: { call: Call }) {
  const { t, locale } = useT();
  const peerId = call.direction === 'incoming' ? call.callerId : call.calleeId;
  const name = useDisplayName(peerId);
  const missed = call.direction === 'incoming' && call.endReason === 'missed';
  const Icon = missed ? PhoneMissed : call.direction === 'incoming' ? PhoneIncoming : PhoneOutgoing;
  const what = missed ? t('calls.missed') : t(call.direction === 'incoming' ? 'calls.incoming' : 'calls.outgoing');
  const detail =
    call.endReason === 'completed' && call.durationSeconds !== undefined
      ? callDuration(call.durationSeconds)
      : call.endReason && !missed
        ? t(`call.ended.${call.endReason === 'completed' ? 'completedShort' : call.endReason}`)
        : '';
  return (
    <li className="flex items-center gap-3 px-3 py-3" data-testid="call-row" data-missed={missed || undefined}>
      <PersonAvatar userId={peerId} />
      <div className="min-w-0 flex-1">
        <p className={cn('truncate font-medium', missed && 'text-destructive')}>
          {name}
          {missed && call.seen === false ? (
            <span className="ml-2 inline-block size-2 rounded-full bg-destructive" />
          ) : null}
        </p>
        <p
          className={cn('flex items-center gap-1 truncate text-xs text-muted-foreground', missed && 'text-destructive')}
        >
          <Icon aria-hidden="true" className="size-3.5 shrink-0" />
          {call.media === 'video' ? <Video aria-hidden="true" className="size-3.5 shrink-0" /> : null}
          <span>{[what, detail].filter(Boolean).join(' · ')}</span>
        </p>
      </div>
      <time className="shrink-0 text-xs text-muted-foreground" dateTime={call.startedAt}>
        {shortTime(call.startedAt, locale)}
      </time>
      <CallButtons userId={peerId} name={name} />
    </li>
  );
}
