import { type FormEvent, useId, useMemo, useState } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Avatar } from '../components/ui/avatar.tsx';
import { Button } from '../components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../components/ui/card.tsx';
import { Input } from '../components/ui/input.tsx';
import { Label } from '../components/ui/label.tsx';
import { ApiError } from '../lib/api-client.ts';
import { errorMessage } from '../lib/errors.ts';
import { useParley, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import { readProfile } from '../lib/model.ts';

function timeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC', 'America/Panama', 'Asia/Singapore', 'Europe/Zurich'];
}

/** Edit how colleagues see me (PATCH /identity/me). */
export function ProfileForm() {
  const { t, locale } = useT();
  const { me, api, people } = useWorkspace();
  const { session } = useParley();
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<unknown>();
  const zones = useMemo(timeZones, []);
  const id = useId();

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const body: Record<string, string> = {
      displayName: text('displayName'),
      statusMessage: text('statusMessage'),
      locale,
    };
    if (text('timeZone')) body.timeZone = text('timeZone');
    if (text('mobileNumber')) body.mobileNumber = text('mobileNumber');
    setState('saving');
    setError(undefined);
    try {
      const updated = readProfile(await api.request<unknown>('PATCH', '/identity/me', { body }));
      const next = updated ?? { ...me, ...body };
      session.setUser(next);
      people.remember([next]);
      setState('saved');
    } catch (caught) {
      setError(caught);
      setState('idle');
    }
  }

  const fieldError = (field: string) => (error instanceof ApiError ? error.fieldError(field) : undefined);

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>{t('settings.profile')}</CardTitle>
        <CardDescription>{t('settings.profileLead')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form className="flex flex-col gap-4" onSubmit={save} onChange={() => setState('idle')}>
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
