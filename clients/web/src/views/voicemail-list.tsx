import { Phone, Play, Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Badge } from '../components/ui/badge.tsx';
import { Button } from '../components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '../components/ui/dialog.tsx';
import { Skeleton } from '../components/ui/skeleton.tsx';
import { askNotificationPermission } from '../lib/call-alerts.ts';
import { callDuration } from '../lib/call-format.ts';
import { errorMessage } from '../lib/errors.ts';
import { shortTime } from '../lib/format.ts';
import { useCalls, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import { countryOfNumber, formatNumber } from '../lib/phone-format.ts';
import { useVoicemail } from '../lib/phone-hooks.ts';
import type { Voicemail } from '../lib/phone-model.ts';
import { cn } from '../lib/utils.ts';
import { PhoneFlag } from './phone-flag.tsx';

const nameOf = (v: Voicemail) => (v.callerName && v.callerName !== v.from ? v.callerName : formatNumber(v.from));

/** The Voicemail tab: my messages newest first, unheard ones marked; play in the page, call back, delete. */
export function VoicemailList() {
  const { t } = useT();
  const { voicemail } = useWorkspace();
  const list = useVoicemail((s) => s.list);
  const actionError = useVoicemail((s) => s.actionError);
  const [deleting, setDeleting] = useState<Voicemail>();

  useEffect(() => {
    void voicemail.load();
    return () => voicemail.stop();
  }, [voicemail]);

  return (
    <section className="flex flex-col gap-3" data-testid="voicemail">
      {list.status === 'loading' || list.status === 'idle' ? (
        <div className="flex flex-col gap-2" role="status" aria-busy="true">
          <span className="sr-only">{t('voicemail.loading')}</span>
          {[0, 1].map((i) => (
            <Skeleton key={i} className="h-16 w-full" />
          ))}
        </div>
      ) : null}
      {list.status === 'error' ? (
        <Alert variant="destructive" className="flex items-center justify-between gap-3">
          <span>{t('voicemail.error')}</span>
          <Button variant="outline" size="sm" onClick={() => void voicemail.load()}>
            {t('common.tryAgain')}
          </Button>
        </Alert>
      ) : null}
      {actionError ? <Alert variant="destructive">{errorMessage(t, actionError)}</Alert> : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <div className="flex flex-col items-center gap-1 rounded-lg border border-dashed p-8 text-center">
          <p className="font-medium">{t('voicemail.empty')}</p>
          <p className="text-sm text-muted-foreground">{t('voicemail.emptyHint')}</p>
        </div>
      ) : null}
      {list.items.length > 0 ? (
        <ul className="flex flex-col divide-y rounded-lg border" data-testid="voicemail-list">
          {list.items.map((v) => (
            <VoicemailRow key={v.id} voicemail={v} onDelete={() => setDeleting(v)} />
          ))}
        </ul>
      ) : null}
      {list.nextBefore ? (
        <Button variant="outline" disabled={list.loadingMore} onClick={() => void voicemail.loadMore()}>
          {t('voicemail.more')}
        </Button>
      ) : null}
      <DeleteDialog voicemail={deleting} onClose={() => setDeleting(undefined)} />
    </section>
  );
}

function VoicemailRow({ voicemail: v, onDelete }: { voicemail: Voicemail; onDelete: () => void }) {
  const { t, locale } = useT();
  const { voicemail, calls } = useWorkspace();
  const playing = useVoicemail((s) => (s.playing?.id === v.id ? s.playing : undefined));
  const busy = useCalls((s) => s.current !== undefined && s.current.phase !== 'ended');
  const name = nameOf(v);
  const country = countryOfNumber(v.from);
  return (
    <li className="flex flex-col gap-2 px-3 py-3" data-testid="voicemail-row" data-heard={v.heard}>
      <div className="flex items-center gap-3">
        <Button
          variant={v.heard ? 'outline' : 'default'}
          size="icon"
          className="rounded-full"
          aria-label={t('voicemail.play', { name })}
          onClick={() => void voicemail.play(v.id)}
          data-testid="voicemail-play"
        >
          <Play aria-hidden="true" />
        </Button>
        <div className="min-w-0 flex-1">
          <p className={cn('flex items-center gap-2 truncate', !v.heard && 'font-semibold')}>
            <PhoneFlag country={country} />
            <span className="truncate" data-testid="voicemail-from">
              {name}
            </span>
            {!v.heard ? (
              <Badge variant="soft" className="text-[0.625rem]">
                {t('voicemail.new')}
              </Badge>
            ) : null}
          </p>
          <p className="text-xs text-muted-foreground">
            {callDuration(v.durationSeconds)} · <time dateTime={v.receivedAt}>{shortTime(v.receivedAt, locale)}</time>
          </p>
        </div>
        <Button
          variant="ghost"
          size="icon-sm"
          disabled={busy}
          aria-label={t('voicemail.callBack', { name })}
          onClick={() => {
            askNotificationPermission();
            void calls.dial(v.from, { country, callerName: v.callerName !== v.from ? v.callerName : undefined });
          }}
        >
          <Phone aria-hidden="true" />
        </Button>
        <Button variant="ghost" size="icon-sm" aria-label={t('voicemail.delete', { name })} onClick={onDelete}>
          <Trash2 aria-hidden="true" />
        </Button>
      </div>
      {playing?.status === 'loading' ? (
        <p className="text-xs text-muted-foreground" role="status">
          {t('voicemail.loadingAudio')}
        </p>
      ) : null}
      {playing?.status === 'error' ? (
        <p className="text-xs text-destructive" role="alert">
          {t('voicemail.audioError')}
        </p>
      ) : null}
      {playing?.status === 'ready' && playing.url ? (
        // biome-ignore lint/a11y/useMediaCaption: a voicemail recording has no captions to offer
        <audio
          src={playing.url}
          controls
          autoPlay
          className="w-full"
          aria-label={t('voicemail.player', { name })}
          data-testid="voicemail-audio"
        />
      ) : null}
    </li>
  );
}

function DeleteDialog({ voicemail: v, onClose }: { voicemail: Voicemail | undefined; onClose: () => void }) {
  const { t } = useT();
  const { voicemail } = useWorkspace();
  const [busy, setBusy] = useState(false);
  return (
    <Dialog open={Boolean(v)} onOpenChange={(open) => !open && onClose()}>
      <DialogContent closeLabel={t('common.close')} role="alertdialog">
        <DialogHeader>
          <DialogTitle>{t('voicemail.deleteTitle')}</DialogTitle>
          <DialogDescription>{t('voicemail.deleteLead', { name: v ? nameOf(v) : '' })}</DialogDescription>
        </DialogHeader>
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="outline" onClick={onClose}>
            {t('voicemail.cancel')}
          </Button>
          <Button
            variant="destructive"
            disabled={busy}
            data-testid="confirm-delete-voicemail"
            onClick={() => {
              if (!v) return;
              setBusy(true);
              void voicemail.remove(v.id).finally(() => {
                setBusy(false);
                onClose();
              });
            }}
          >
            {t('voicemail.deleteConfirm')}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
