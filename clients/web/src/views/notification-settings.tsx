import { useEffect, useId, useState } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../components/ui/card.tsx';
import { Skeleton } from '../components/ui/skeleton.tsx';
import { Switch } from '../components/ui/switch.tsx';
import { errorMessage } from '../lib/errors.ts';
import { useWorkspace } from '../lib/hooks.ts';
import { type MessageKey, useT } from '../lib/i18n.ts';
import type { NotificationPreferences } from '../lib/model.ts';

const toggles = ['smsOnMissedCall', 'smsOnVoicemail', 'smsOnMessageWhenOffline'] as const;

/** SMS preferences (GET/PUT /notifications/preferences); each switch saves at once. */
export function NotificationSettings() {
  const { t } = useT();
  const { api } = useWorkspace();
  const [prefs, setPrefs] = useState<NotificationPreferences>();
  const [error, setError] = useState<unknown>();
  const id = useId();

  useEffect(() => {
    api
      .request<NotificationPreferences>('GET', '/notifications/preferences')
      .then((body) => setPrefs(body ?? {}))
      .catch(setError);
  }, [api]);

  async function change(key: (typeof toggles)[number], value: boolean) {
    if (!prefs) return;
    const previous = prefs;
    const next = { ...prefs, [key]: value };
    setPrefs(next);
    setError(undefined);
    try {
      const saved = await api.request<NotificationPreferences>('PUT', '/notifications/preferences', { body: next });
      if (saved && typeof saved === 'object') setPrefs(saved);
    } catch (caught) {
      setPrefs(previous);
      setError(caught);
    }
  }

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>{t('settings.notifications')}</CardTitle>
        <CardDescription>{t('settings.notificationsLead')}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {error ? <Alert variant="destructive">{errorMessage(t, error)}</Alert> : null}
        {!prefs && !error ? <Skeleton className="h-24" /> : null}
        {prefs
          ? toggles.map((key) => (
              <div key={key} className="flex items-center justify-between gap-4">
                <label htmlFor={`${id}-${key}`} className="text-sm">
                  {t(`settings.${key}` as MessageKey)}
                </label>
                <Switch
                  id={`${id}-${key}`}
                  checked={prefs[key] === true}
                  onCheckedChange={(v) => void change(key, v)}
                />
              </div>
            ))
          : null}
      </CardContent>
    </Card>
  );
}
