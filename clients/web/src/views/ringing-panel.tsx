import { Phone, PhoneOff, Video } from 'lucide-react';
import { Button } from '../components/ui/button.tsx';
import { askNotificationPermission } from '../lib/call-alerts.ts';
import type { Ring } from '../lib/call-store.ts';
import { useCalls, useDisplayName, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import { PersonAvatar } from './person-avatar.tsx';

/**
 * An incoming call: who is calling (name and avatar), Answer, Answer with video, Decline. While in
 * another call it is "call waiting" and answering ends the current one first.
 */
export function RingingPanel({ ring }: { ring: Ring }) {
  const { t } = useT();
  const { calls } = useWorkspace();
  const known = useDisplayName(ring.callerId);
  const name = known === '…' ? (ring.callerName ?? known) : known;
  const waiting = useCalls((s) => s.current !== undefined && s.current.phase !== 'ended');
  const answer = (media: 'audio' | 'video') => {
    askNotificationPermission();
    void calls.answer(ring.callId, media);
  };
  const heading = waiting ? t('call.waiting') : t(ring.media === 'video' ? 'call.incomingVideo' : 'call.incomingAudio');
  return (
    <section
      role="alertdialog"
      aria-labelledby={`ring-${ring.callId}-title`}
      aria-describedby={`ring-${ring.callId}-who`}
      data-testid="ringing-panel"
      className="pointer-events-auto w-full max-w-sm rounded-2xl border bg-background p-4 shadow-xl ring-1 ring-black/5"
    >
      <div className="flex items-center gap-3">
        <span className="relative">
          <span
            className="absolute inset-0 animate-ping rounded-full bg-primary/30 motion-reduce:hidden"
            aria-hidden="true"
          />
          <PersonAvatar userId={ring.callerId} className="size-12" presence={false} />
        </span>
        <div className="min-w-0 flex-1">
          <p id={`ring-${ring.callId}-title`} className="text-xs font-medium text-muted-foreground">
            {heading}
          </p>
          <p id={`ring-${ring.callId}-who`} className="truncate text-base font-semibold" data-testid="ringing-name">
            {t('call.isCalling', { name })}
          </p>
        </div>
      </div>
      <div className="mt-4 flex flex-wrap gap-2">
        <Button
          className="flex-1 bg-emerald-700 text-white hover:bg-emerald-800"
          onClick={() => answer('audio')}
          aria-label={waiting ? t('call.endAndAnswer') : t('call.answer')}
        >
          <Phone aria-hidden="true" />
          {t('call.answer')}
        </Button>
        <Button className="flex-1 bg-emerald-700 text-white hover:bg-emerald-800" onClick={() => answer('video')}>
          <Video aria-hidden="true" />
          {t('call.answerVideo')}
        </Button>
        <Button variant="destructive" className="flex-1" onClick={() => void calls.decline(ring.callId)}>
          <PhoneOff aria-hidden="true" />
          {t('call.decline')}
        </Button>
      </div>
    </section>
  );
}
