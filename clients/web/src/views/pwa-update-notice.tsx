import { RefreshCw } from 'lucide-react';
import { Button } from '../components/ui/button.tsx';
import { useT } from '../lib/i18n.ts';
import { applyUpdate, dismissUpdate, pwaState } from '../lib/pwa.ts';
import { useStore } from '../lib/store.ts';

/** "Update available — Reload", at the bottom of every screen once a new version is waiting. */
export function PwaUpdateNotice() {
  const { t } = useT();
  const ready = useStore(pwaState, (s) => s.updateReady);
  if (!ready) return null;
  return (
    <div
      role="status"
      className="fixed inset-x-0 bottom-20 z-[70] mx-auto flex w-fit max-w-[calc(100%-2rem)] items-center gap-3 rounded-lg border bg-card px-4 py-2 text-sm text-foreground shadow-lg md:bottom-6"
      data-testid="update-available"
    >
      <RefreshCw className="size-4 text-primary" aria-hidden="true" />
      <span className="font-medium">{t('pwa.updateAvailable')}</span>
      <Button size="sm" onClick={() => applyUpdate()} data-testid="update-reload">
        {t('pwa.reload')}
      </Button>
      <Button size="sm" variant="ghost" onClick={() => dismissUpdate()}>
        {t('pwa.dismiss')}
      </Button>
    </div>
  );
}
