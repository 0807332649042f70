import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Button } from '../components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../components/ui/card.tsx';
import { Input } from '../components/ui/input.tsx';
import { Label } from '../components/ui/label.tsx';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { useSettings, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import type { ProfileChanges } from '../lib/identity-api.ts';
import { countryName, homeCountry, toE164 } from '../lib/mobile-number.ts';
import { AvatarEditor } from './avatar-editor.tsx';

const FIELDS = ['displayName', 'statusMessage', 'timeZone', 'mobileNumber'] as const;

/** The browser's own zone ("Etc/UTC" and friends spelled "UTC", as the list has it). */
export function browserTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return !zone || /^(Etc\/)?(UTC|GMT|UCT|Zulu|Universal)([+-]?0)?$/i.test(zone) ? 'UTC' : zone;
}

/** UTC first, then every IANA zone the browser knows, and the ones in use even if it does not list them. */
export function timeZones(...inUse: (string | undefined)[]): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  const listed = intl.supportedValuesOf?.('timeZone') ?? ['America/Panama', 'Asia/Singapore', 'Europe/Zurich'];
  return [...new Set(['UTC', ...inUse.filter((z): z is string => Boolean(z)), ...listed])].sort((a, b) =>
    a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b),
  );
}

/** Edit how colleagues see me (the settings store saves it). */
export function ProfileForm() {
  const { t, locale } = useT();
  const { me, settings } = useWorkspace();
  const { status: state, error } = useSettings((s) => s.profile);
  const browserZone = useMemo(browserTimeZone, []);
  const zones = useMemo(() => timeZones(me.timeZone, browserZone), [me.timeZone, browserZone]);
  // the zone chosen in the form, so that a number typed after choosing Zurich is read as Swiss
  const [zone, setZone] = useState(me.timeZone ?? browserZone);
  const country = homeCountry({
    mobileNumber: me.mobileNumber,
    timeZone: zone,
    languages: globalThis.navigator?.languages,
  });
  const [mobileError, setMobileError] = useState<string>();
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
    if (text('mobileNumber')) {
      // National format is read in my country; the API takes E.164 only.
      const e164 = toE164(text('mobileNumber'), country);
      if (!e164) {
        setMobileError(
          country
            ? t('field.mobileInvalid', { country: countryName(country, locale) })
            : t('field.mobileInvalidNoCountry'),
        );
        return;
      }
      changes.mobileNumber = e164;
    }
    setMobileError(undefined);
    void settings.saveProfile(changes);
  }

  const fields = fieldErrors(error);
  const fieldError = (field: string): string | undefined =>
    field === 'mobileNumber' ? (mobileError ?? fields[field]) : fields[field];

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>{t('settings.profile')}</CardTitle>
        <CardDescription>{t('settings.profileLead')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form className="flex flex-col gap-4" onSubmit={save} onChange={() => settings.editingProfile()}>
          <AvatarEditor />
          {mobileError ? (
            <Alert variant="destructive">{t('error.validation_failed')}</Alert>
          ) : error ? (
            <Alert variant="destructive">{formError(t, error, FIELDS)}</Alert>
          ) : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="flex flex-col gap-2">
              <Label htmlFor={`${id}-name`}>{t('settings.displayName')}</Label>
              <Input
                id={`${id}-name`}
                name="displayName"
                defaultValue={me.displayName}
                required
                maxLength={80}
                aria-invalid={Boolean(fieldError('displayName'))}
                aria-describedby={fieldError('displayName') ? `${id}-name-error` : undefined}
              />
              <FieldError id={`${id}-name-error`} message={fieldError('displayName')} />
            </div>
            <div className="flex flex-col gap-2">
              <Label htmlFor={`${id}-status`}>{t('settings.status')}</Label>
              <Input
                id={`${id}-status`}
                name="statusMessage"
                defaultValue={me.statusMessage ?? ''}
                maxLength={140}
                placeholder={t('settings.statusPlaceholder')}
                aria-invalid={Boolean(fieldError('statusMessage'))}
                aria-describedby={fieldError('statusMessage') ? `${id}-status-error` : undefined}
              />
              <FieldError id={`${id}-status-error`} message={fieldError('statusMessage')} />
            </div>
            <div className="flex flex-col gap-2">
              <Label htmlFor={`${id}-tz`}>{t('settings.timeZone')}</Label>
              <select
                id={`${id}-tz`}
                name="timeZone"
                defaultValue={me.timeZone ?? browserZone}
                onChange={(event) => setZone(event.target.value)}
                aria-invalid={Boolean(fieldError('timeZone'))}
                aria-describedby={fieldError('timeZone') ? `${id}-tz-error` : undefined}
                className="h-10 rounded-md border border-input bg-background px-3 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-invalid:border-destructive"
              >
                {zones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone === 'UTC' ? t('settings.timeZoneUtc') : zone.replace(/_/g, ' ')}
                  </option>
                ))}
              </select>
              <FieldError id={`${id}-tz-error`} message={fieldError('timeZone')} />
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
                onChange={() => setMobileError(undefined)}
              />
              <p
                id={`${id}-mobile-hint`}
                className={fieldError('mobileNumber') ? 'text-xs text-destructive' : 'text-xs text-muted-foreground'}
              >
                {fieldError('mobileNumber') ??
                  (country
                    ? t('settings.mobileHintCountry', { country: countryName(country, locale) })
                    : t('settings.mobileHint'))}
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

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="text-xs text-destructive">
      {message}
    </p>
  ) : null;
}
