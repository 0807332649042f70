import { Phone, Video } from 'lucide-react';
import { Button } from '../components/ui/button.tsx';
import { askNotificationPermission } from '../lib/call-alerts.ts';
import type { CallMediaKind } from '../lib/call-model.ts';
import { useCalls, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';

/** Audio and video call buttons for one person (a direct chat's header, the people list). */
export function CallButtons({ userId, name }: { userId: string; name: string }) {
  const { t } = useT();
  const { calls, me } = useWorkspace();
  const busy = useCalls((s) => s.current !== undefined && s.current.phase !== 'ended');
  if (userId === me.id) return null;
  const call = (media: CallMediaKind) => {
    askNotificationPermission();
    void calls.startCall(userId, media, name);
  };
  return (
    <>
      <Button
        variant="ghost"
        size="icon-sm"
        disabled={busy}
        aria-label={t('call.callPerson', { name })}
        title={t('call.audio')}
        onClick={() => call('audio')}
      >
        <Phone aria-hidden="true" />
      </Button>
      <Button
        variant="ghost"
        size="icon-sm"
        disabled={busy}
        aria-label={t('call.videoPerson', { name })}
        title={t('call.video')}
        onClick={() => call('video')}
      >
        <Video aria-hidden="true" />
      </Button>
    </>
  );
}
