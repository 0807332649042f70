import { useEffect, useId } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../components/ui/card.tsx';
import { Skeleton } from '../components/ui/skeleton.tsx';
import { Switch } from '../components/ui/switch.tsx';
import { errorMessage } from '../lib/errors.ts';
import { useSettings, useWorkspace } from '../lib/hooks.ts';
import { type MessageKey, useT } from '../lib/i18n.ts';
import { SMS_PREFERENCES } from '../lib/settings-store.ts';
import { BrowserNotificationsSetting } from './browser-notifications-setting.tsx';

/** SMS preferences; each switch saves at once (the settings store loads and saves them). */
export function NotificationSettings() {
  const { t } = useT();
  const { settings } = useWorkspace();
  const { value: prefs, error } = useSettings((s) => s.preferences);
  const id = useId();

  useEffect(() => {
    void settings.loadPreferences();
  }, [settings]);

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>{t('settings.notifications')}</CardTitle>
        <CardDescription>{t('settings.notificationsLead')}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <BrowserNotificationsSetting />
        {error ? <Alert variant="destructive">{errorMessage(t, error)}</Alert> : null}
        {!prefs && !error ? <Skeleton className="h-24" /> : null}
        {prefs
          ? SMS_PREFERENCES.map((key) => (
              <div key={key} className="flex items-center justify-between gap-4">
                <label htmlFor={`${id}-${key}`} className="text-sm">
                  {t(`settings.${key}` as MessageKey)}
                </label>
                <Switch
                  id={`${id}-${key}`}
                  checked={prefs[key] === true}
                  onCheckedChange={(on) => void settings.setPreference(key, on)}
                />
              </div>
            ))
          : null}
      </CardContent>
    </Card>
  );
}
