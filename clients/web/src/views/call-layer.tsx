import { X } from 'lucide-react';
import { Button } from '../components/ui/button.tsx';
import { useCalls, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import { isPhoneCall } from '../lib/phone-calls.ts';
import { CallScreen } from './call-screen.tsx';
import { PhoneCallScreen } from './phone-call-screen.tsx';
import { PhoneRingingPanel } from './phone-ringing-panel.tsx';
import { RingingPanel } from './ringing-panel.tsx';

/** Over every view: the call in progress, incoming rings (call waiting included) and call notices. */
export function CallLayer() {
  const { t } = useT();
  const { calls } = useWorkspace();
  const current = useCalls((s) => s.current);
  const rings = useCalls((s) => s.rings);
  const notice = useCalls((s) => s.notice);
  return (
    <>
      {current ? isPhoneCall(current) ? <PhoneCallScreen call={current} /> : <CallScreen call={current} /> : null}
      <div className="pointer-events-none fixed inset-x-0 top-0 z-[60] flex flex-col items-center gap-2 p-3 sm:items-end">
        {rings
          .slice(0, 2)
          .map((ring) =>
            ring.phone ? (
              <PhoneRingingPanel key={ring.callId} ring={ring} />
            ) : (
              <RingingPanel key={ring.callId} ring={ring} />
            ),
          )}
        {notice === 'answered-elsewhere' ? (
          <div
            role="status"
            className="pointer-events-auto flex items-center gap-2 rounded-lg border bg-background px-3 py-2 text-sm shadow"
          >
            {t('call.answeredElsewhere')}
            <Button variant="ghost" size="icon-sm" aria-label={t('call.close')} onClick={() => calls.dismiss()}>
              <X aria-hidden="true" />
            </Button>
          </div>
        ) : null}
      </div>
    </>
  );
}
