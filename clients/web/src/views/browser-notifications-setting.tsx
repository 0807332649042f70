import { useEffect, useState } from 'react';
import { Button } from '../components/ui/button.tsx';
import {
  askForNotifications,
  type NotificationPermissionState,
  notificationPermission,
} from '../lib/browser-notifications.ts';
import { useT } from '../lib/i18n.ts';

/**
 * Settings → Notifications: whether this browser may show Parley's notifications, and a button to
 * allow it (the browser's prompt; a refusal is left to the browser's own settings).
 */
export function BrowserNotificationsSetting() {
  const { t } = useT();
  const [permission, setPermission] = useState<NotificationPermissionState>(() => notificationPermission());

  // The person may change it in the browser's site settings meanwhile.
  useEffect(() => {
    const again = () => setPermission(notificationPermission());
    document.addEventListener('visibilitychange', again);
    return () => document.removeEventListener('visibilitychange', again);
  }, []);

  const state =
    permission === 'granted'
      ? t('reading.browserOn')
      : permission === 'denied'
        ? t('reading.browserDenied')
        : permission === 'unsupported'
          ? t('reading.browserUnsupported')
          : t('reading.browserOff');
  return (
    <div className="flex items-center justify-between gap-4" data-testid="browser-notifications">
      <div className="min-w-0">
        <p className="text-sm">{t('reading.browserTitle')}</p>
        <p className="text-xs text-muted-foreground" data-testid="browser-notifications-state">
          {t('reading.browserLead')} {state}
        </p>
      </div>
      {permission === 'default' ? (
        <Button
          variant="outline"
          size="sm"
          onClick={() => void askForNotifications(window, { explicit: true }).then(setPermission)}
        >
          {t('reading.browserTurnOn')}
        </Button>
      ) : null}
    </div>
  );
}
