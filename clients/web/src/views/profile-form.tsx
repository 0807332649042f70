import { type FormEvent, useEffect, useId, useMemo } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Avatar } from '../components/ui/avatar.tsx';
import { Button } from '../components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../components/ui/card.tsx';
import { Input } from '../components/ui/input.tsx';
import { Label } from '../components/ui/label.tsx';
import { ApiError } from '../lib/api-client.ts';
import { errorMessage } from '../lib/errors.ts';
import { useSettings, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import type { ProfileChanges } from '../lib/identity-api.ts';

function timeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC', 'America/Panama', 'Asia/Singapore', 'Europe/Zurich'];
}

/** Edit how colleagues see me (the settings store saves it). */
export function ProfileForm() {
  const { t, locale } = useT();
  const { me, settings } = useWorkspace();
  const { status: state, error } = useSettings((s) => s.profile);
  const zones = useMemo(timeZones, []);
  const id = useId();

  useEffect(() => settings.openProfileForm(), [settings]);

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const changes: ProfileChanges = {
      displayName: text('displayName'),
      statusMessage: text('statusMessage'),
      locale,
    };
    if (text('timeZone')) changes.timeZone = text('timeZone');
    if (text('mobileNumber')) changes.mobileNumber = text('mobileNumber');
    void settings.saveProfile(changes);
  }

  const fieldError = (field: string) => (error instanceof ApiError ? error.fieldError(field) : undefined);

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>{t('settings.profile')}</CardTitle>
        <CardDescription>{t('settings.profileLead')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form className="flex flex-col gap-4" onSubmit={save} onChange={() => settings.editingProfile()}>
          <div className="flex items-center gap-3">
            <Avatar name={me.displayName} seed={me.id} className="size-12" />
            <div className="min-w-0">
              <p className="truncate font-medium">{me.displayName}</p>
              <p className="truncate text-sm text-muted-foreground">{me.email}</p>
            </div>
          </div>
          {error ? <Alert variant="destructive">{errorMessage(t, error)}</Alert> : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="flex flex-col gap-2">
              <Label htmlFor={`${id}-name`}>{t('settings.displayName')}</Label>
              <Input id={`${id}-name`} name="displayName" defaultValue={me.displayName} required maxLength={80} />
              {fieldError('displayName') ? (
                <p className="text-xs text-destructive">{fieldError('displayName')}</p>
              ) : null}
            </div>
            <div className="flex flex-col gap-2">
              <Label htmlFor={`${id}-status`}>{t('settings.status')}</Label>
              <Input
                id={`${id}-status`}
                name="statusMessage"
                defaultValue={me.statusMessage ?? ''}
                maxLength={140}
                placeholder={t('settings.statusPlaceholder')}
              />
            </div>
            <div className="flex flex-col gap-2">
              <Label htmlFor={`${id}-tz`}>{t('settings.timeZone')}</Label>
              <select
                id={`${id}-tz`}
                name="timeZone"
                defaultValue={me.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone}
                className="h-10 rounded-md border border-input bg-background px-3 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
              >
                {zones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone.replace(/_/g, ' ')}
                  </option>
                ))}
              </select>
            </div>
            <div className="flex flex-col gap-2">
              <Label htmlFor={`${id}-mobile`}>{t('settings.mobile')}</Label>
              <Input
                id={`${id}-mobile`}
                name="mobileNumber"
                type="tel"
                inputMode="tel"
                autoComplete="tel"
                defaultValue={me.mobileNumber ?? ''}
                aria-describedby={`${id}-mobile-hint`}
                aria-invalid={Boolean(fieldError('mobileNumber'))}
              />
              <p id={`${id}-mobile-hint`} className="text-xs text-muted-foreground">
                {fieldError('mobileNumber') ?? t('settings.mobileHint')}
              </p>
            </div>
          </div>
          <div className="flex items-center justify-end gap-3">
            {state === 'saved' ? (
              <span className="text-sm text-muted-foreground" role="status">
                {t('settings.saved')}
              </span>
            ) : null}
            <Button type="submit" disabled={state === 'saving'}>
              {t('settings.save')}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
