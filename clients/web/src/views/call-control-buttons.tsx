import { Mic, MicOff, PhoneOff } from 'lucide-react';
import { Button } from '../components/ui/button.tsx';
import type { CurrentCall } from '../lib/call-store.ts';
import { useWorkspace } from '../lib/hooks.ts';
import type { Translate } from '../lib/i18n.ts';
import type { CallMedia, MediaState } from '../lib/media/call-media.ts';
import { cn } from '../lib/utils.ts';

/** The round microphone toggle of every call screen (app and phone calls). */
export function MuteButton({
  media,
  engine,
  t,
  className,
}: {
  media: MediaState;
  engine?: CallMedia;
  t: Translate;
  className: string;
}) {
  return (
    <Button
      variant="secondary"
      className={cn(className, media.muted && 'bg-white text-zinc-900 hover:bg-white/90')}
      size="icon"
      aria-pressed={media.muted}
      aria-label={media.muted ? t('call.unmute') : t('call.mute')}
      disabled={!engine}
      onClick={() => engine?.setMuted(!media.muted)}
      data-testid="call-mute"
    >
      {media.muted ? <MicOff aria-hidden="true" /> : <Mic aria-hidden="true" />}
    </Button>
  );
}

/** Hang up (or cancel while it still rings) of every call screen. */
export function HangupButton({ call, t, className }: { call: CurrentCall; t: Translate; className: string }) {
  const { calls } = useWorkspace();
  return (
    <Button
      variant="destructive"
      className={className}
      size="icon"
      aria-label={call.phase === 'active' ? t('call.hangUp') : t('call.cancel')}
      onClick={() => void calls.hangup()}
      data-testid="call-hangup"
    >
      <PhoneOff aria-hidden="true" />
    </Button>
  );
}
