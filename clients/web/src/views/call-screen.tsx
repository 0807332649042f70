import { MicOff, MonitorUp, Settings2, Signal, Video, VideoOff, X } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { Button } from '../components/ui/button.tsx';
import { Popover, PopoverContent, PopoverTrigger } from '../components/ui/popover.tsx';
import { callDuration, endedText } from '../lib/call-format.ts';
import type { CurrentCall } from '../lib/call-store.ts';
import { useDisplayName, useTick, useWorkspace } from '../lib/hooks.ts';
import { type Translate, useT } from '../lib/i18n.ts';
import {
  type CallMedia,
  type DeviceKind,
  initialMediaState,
  type MediaDevice,
  type MediaSlot,
  type MediaState,
} from '../lib/media/call-media.ts';
import { createStore, useStore } from '../lib/store.ts';
import { cn } from '../lib/utils.ts';
import { HangupButton, MuteButton } from './call-control-buttons.tsx';
import { PersonAvatar } from './person-avatar.tsx';

const idle = createStore<MediaState>(initialMediaState);

/** Binds a media element to a slot of the call's engine (and unbinds it when it goes). */
function useSlot(engine: CallMedia | undefined, slot: MediaSlot) {
  return useCallback(
    (element: HTMLMediaElement | null) => {
      engine?.attach(slot, element);
      return () => engine?.attach(slot, null);
    },
    [engine, slot],
  );
}

function statusLine(call: CurrentCall, media: MediaState, name: string, t: Translate, now: number): string {
  if (call.phase === 'ended') return endedText(call, t);
  if (call.phase === 'outgoing') return t('call.calling', { name });
  if (media.status === 'reconnecting') return t('call.reconnecting');
  if (call.phase === 'connecting' || !call.answeredAt || media.status === 'connecting' || media.status === 'idle')
    return t('call.connecting');
  return callDuration((now - Date.parse(call.answeredAt)) / 1000);
}

/** The call in progress, full screen: the other person's video (or avatar), my self view and the controls. */
export function CallScreen({ call }: { call: CurrentCall }) {
  const { t } = useT();
  const { calls } = useWorkspace();
  const known = useDisplayName(call.peerId);
  const name = known === '…' ? (call.peerName ?? known) : known;
  const engine = call.engine;
  const media = useStore(engine?.state ?? idle);
  const now = useTick(1000);
  const ended = call.phase === 'ended';
  const showRemoteVideo = !ended && media.remoteCameraOn;
  return (
    <section
      aria-label={t('call.video')}
      data-testid="call-screen"
      data-phase={call.phase}
      className="fixed inset-0 z-50 flex flex-col bg-zinc-950 text-white"
    >
      <header className="flex items-center gap-3 px-4 pt-[max(1rem,env(safe-area-inset-top))] pb-2">
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-lg font-semibold">{name}</h2>
          <p className="text-sm text-zinc-300" data-testid="call-status" aria-live="polite">
            {statusLine(call, media, name, t, now)}
          </p>
        </div>
        {call.phase === 'active' && !ended ? (
          <span className="flex items-center gap-1 text-xs text-zinc-300" data-testid="call-quality">
            <Signal
              aria-hidden="true"
              className={cn(
                'size-4',
                media.quality === 'good' && 'text-emerald-400',
                media.quality === 'fair' && 'text-amber-400',
                media.quality === 'poor' && 'text-rose-400',
              )}
            />
            <span className="hidden sm:inline">{t(`call.quality.${media.quality}`)}</span>
            <span className="sr-only sm:hidden">{t(`call.quality.${media.quality}`)}</span>
          </span>
        ) : null}
      </header>

      <div className="relative min-h-0 flex-1 overflow-hidden">
        <video
          ref={useSlot(engine, 'remote-video')}
          autoPlay
          playsInline
          muted
          data-testid="remote-video"
          className={cn('absolute inset-0 size-full object-contain', !showRemoteVideo && 'invisible')}
        />
        {/* biome-ignore lint/a11y/useMediaCaption: live call audio has no captions to offer */}
        <audio ref={useSlot(engine, 'remote-audio')} autoPlay data-testid="remote-audio" />
        {showRemoteVideo ? null : (
          <div className="absolute inset-0 flex flex-col items-center justify-center gap-4">
            <PersonAvatar userId={call.peerId} className="size-28 text-3xl" presence={false} />
          </div>
        )}
        {media.remoteMuted && !ended ? (
          <p
            className="absolute top-3 left-1/2 flex -translate-x-1/2 items-center gap-1.5 rounded-full bg-black/60 px-3 py-1 text-sm"
            data-testid="remote-muted"
          >
            <MicOff aria-hidden="true" className="size-4" />
            {t('call.remoteMuted', { name })}
          </p>
        ) : null}
        {media.error ? (
          <p role="alert" className="absolute inset-x-4 bottom-4 rounded-lg bg-rose-600/90 px-3 py-2 text-sm">
            {t('call.noMedia', { reason: media.error })}
          </p>
        ) : null}
        <video
          ref={useSlot(engine, 'local-video')}
          autoPlay
          playsInline
          muted
          aria-label={t('call.you')}
          data-testid="local-video"
          className={cn(
            'absolute right-3 bottom-3 aspect-video w-28 rounded-lg border border-white/20 bg-black object-cover shadow-lg sm:w-48',
            (ended || !media.cameraOn) && 'hidden',
          )}
        />
      </div>

      <footer className="flex flex-wrap items-center justify-center gap-3 px-4 pt-3 pb-[max(1rem,env(safe-area-inset-bottom))]">
        {ended ? (
          <Button variant="secondary" onClick={() => calls.dismiss()}>
            <X aria-hidden="true" />
            {t('call.close')}
          </Button>
        ) : (
          <Controls call={call} media={media} engine={engine} t={t} />
        )}
      </footer>
    </section>
  );
}

function Controls({
  call,
  media,
  engine,
  t,
}: {
  call: CurrentCall;
  media: MediaState;
  engine?: CallMedia;
  t: Translate;
}) {
  const round = 'size-12 rounded-full [&_svg]:size-5';
  const canShare = typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices?.getDisplayMedia);
  return (
    <>
      <MuteButton media={media} engine={engine} t={t} className={round} />
      <Button
        variant="secondary"
        className={round}
        size="icon"
        aria-pressed={media.cameraOn}
        aria-label={media.cameraOn ? t('call.cameraOff') : t('call.cameraOn')}
        disabled={!engine}
        onClick={() => void engine?.setCamera(!media.cameraOn).catch(() => undefined)}
      >
        {media.cameraOn ? <Video aria-hidden="true" /> : <VideoOff aria-hidden="true" />}
      </Button>
      {canShare ? (
        <Button
          variant="secondary"
          className={cn(round, media.sharing && 'bg-white text-zinc-900 hover:bg-white/90')}
          size="icon"
          aria-pressed={media.sharing}
          aria-label={media.sharing ? t('call.stopSharing') : t('call.shareScreen')}
          disabled={!engine || call.phase !== 'active'}
          onClick={() =>
            void (media.sharing ? engine?.stopScreenShare() : engine?.startScreenShare())?.catch(() => undefined)
          }
        >
          <MonitorUp aria-hidden="true" />
        </Button>
      ) : null}
      {engine ? <DevicePicker engine={engine} media={media} t={t} className={round} /> : null}
      <HangupButton call={call} t={t} className={cn(round, 'w-16')} />
    </>
  );
}

const pickers: {
  kind: DeviceKind;
  label: 'call.microphone' | 'call.camera' | 'call.speaker';
  key: keyof MediaState;
}[] = [
  { kind: 'audioinput', label: 'call.microphone', key: 'microphoneId' },
  { kind: 'videoinput', label: 'call.camera', key: 'cameraId' },
  { kind: 'audiooutput', label: 'call.speaker', key: 'speakerId' },
];

function DevicePicker({
  engine,
  media,
  t,
  className,
}: {
  engine: CallMedia;
  media: MediaState;
  t: Translate;
  className: string;
}) {
  const [open, setOpen] = useState(false);
  const [devices, setDevices] = useState<MediaDevice[]>([]);
  useEffect(() => {
    if (open) void engine.listDevices().then(setDevices, () => setDevices([]));
  }, [engine, open]);
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button variant="secondary" size="icon" className={className} aria-label={t('call.devices')}>
          <Settings2 aria-hidden="true" />
        </Button>
      </PopoverTrigger>
      <PopoverContent className="flex w-72 flex-col gap-3">
        {pickers.map(({ kind, label, key }) => {
          const options = devices.filter((d) => d.kind === kind);
          if (options.length === 0) return null;
          const id = `device-${kind}`;
          return (
            <div key={kind} className="flex flex-col gap-1">
              <label htmlFor={id} className="text-xs font-medium">
                {t(label)}
              </label>
              <select
                id={id}
                className="h-9 rounded-md border bg-background px-2 text-sm"
                value={(media[key] as string | undefined) ?? ''}
                onChange={(e) => void engine.selectDevice(kind, e.target.value).catch(() => undefined)}
              >
                <option value="" disabled>
                  {t(label)}
                </option>
                {options.map((d) => (
                  <option key={d.deviceId} value={d.deviceId}>
                    {d.label}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
      </PopoverContent>
    </Popover>
  );
}
