import { WifiOff } from 'lucide-react';
import { Button } from '../components/ui/button.tsx';
import { useConnection, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';

/** Tells the user, calmly, when live updates are paused and that Parley is on it. */
export function ConnectionBanner() {
  const { status, attempt } = useConnection();
  const { realtime } = useWorkspace();
  const { t } = useT();
  if (status !== 'reconnecting' && status !== 'offline') return null;
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="connection-banner"
      className="flex items-center justify-center gap-3 border-b border-amber-200 bg-warning px-4 py-2 text-sm text-warning-foreground"
    >
      <WifiOff className="size-4 shrink-0" aria-hidden="true" />
      <span>{status === 'offline' ? t('conn.offline') : t('conn.reconnecting')}</span>
      {status === 'reconnecting' && attempt > 1 ? (
        <Button
          size="sm"
          variant="outline"
          className="h-7 border-amber-300 bg-transparent"
          onClick={() => realtime.reconnectNow()}
        >
          {t('conn.retryNow')}
        </Button>
      ) : null}
    </div>
  );
}
