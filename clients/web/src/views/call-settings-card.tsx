import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Button } from '../components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../components/ui/card.tsx';
import { Input } from '../components/ui/input.tsx';
import { Label } from '../components/ui/label.tsx';
import { Skeleton } from '../components/ui/skeleton.tsx';
import { Switch } from '../components/ui/switch.tsx';
import { Textarea } from '../components/ui/textarea.tsx';
import type { CallSettings } from '../lib/call-model.ts';
import { GREETING_MAX, RING_TIMEOUT } from '../lib/call-settings-store.ts';
import { useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import { phoneErrorMessage } from '../lib/phone-errors.ts';
import { formatNumber, parseNumber } from '../lib/phone-format.ts';
import { useCallSettings } from '../lib/phone-hooks.ts';

/** Settings: how calls to my Parley number are answered (ring time, voicemail and its greeting, forwarding). */
export function CallSettingsCard() {
  const { t } = useT();
  const { callSettings } = useWorkspace();
  const { status, value } = useCallSettings((s) => s.settings);
  const id = useId();

  useEffect(() => {
    void callSettings.load();
  }, [callSettings]);

  return (
    <Card aria-labelledby={`${id}-title`} data-testid="call-settings">
      <CardHeader>
        <CardTitle id={`${id}-title`}>{t('callSettings.title')}</CardTitle>
        <CardDescription>{t('callSettings.lead')}</CardDescription>
      </CardHeader>
      <CardContent aria-busy={status === 'loading'}>
        {status === 'idle' || status === 'loading' ? <Skeleton className="h-40" /> : null}
        {status === 'error' ? (
          <Alert variant="destructive" className="items-center justify-between">
            <span>{t('callSettings.error')}</span>
            <Button variant="outline" size="sm" onClick={() => void callSettings.load()}>
              {t('common.tryAgain')}
            </Button>
          </Alert>
        ) : null}
        {value ? <CallSettingsForm settings={value} /> : null}
      </CardContent>
    </Card>
  );
}

function CallSettingsForm({ settings }: { settings: CallSettings }) {
  const { t } = useT();
  const { callSettings, dialPad } = useWorkspace();
  const save = useCallSettings((s) => s.save);
  const [ring, setRing] = useState(String(settings.ringTimeoutSeconds));
  const [voicemail, setVoicemail] = useState(settings.voicemailEnabled);
  const [greeting, setGreeting] = useState(settings.greeting ?? '');
  const [forward, setForward] = useState(settings.forwardToNumber ? formatNumber(settings.forwardToNumber) : '');
  const [invalid, setInvalid] = useState<'ring' | 'forward'>();
  const id = useId();

  function submit() {
    const seconds = Number(ring);
    if (!Number.isInteger(seconds) || seconds < RING_TIMEOUT.min || seconds > RING_TIMEOUT.max) {
      setInvalid('ring');
      return;
    }
    const parsed = forward.trim() ? parseNumber(forward, dialPad.defaultCountry()) : undefined;
    if (parsed && (!parsed.e164 || !parsed.valid)) {
      setInvalid('forward');
      return;
    }
    setInvalid(undefined);
    const next: CallSettings = { ringTimeoutSeconds: seconds, voicemailEnabled: voicemail };
    if (greeting.trim()) next.greeting = greeting.trim();
    if (parsed?.e164) next.forwardToNumber = parsed.e164;
    void callSettings.save(next);
  }

  const edit = () => {
    callSettings.editing();
    setInvalid(undefined);
  };
  const enter = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') submit();
  };
  return (
    // Not a <form>: Radix's Switch would add a hidden input that measures itself; Enter in a field saves.
    <div className="flex flex-col gap-4">
      {save.error ? (
        <Alert variant="destructive" data-testid="call-settings-error">
          {phoneErrorMessage(t, save.error)}
        </Alert>
      ) : null}
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-ring`}>{t('callSettings.ringTimeout')}</Label>
        <Input
          id={`${id}-ring`}
          type="number"
          inputMode="numeric"
          min={RING_TIMEOUT.min}
          max={RING_TIMEOUT.max}
          value={ring}
          onChange={(e) => {
            setRing(e.target.value);
            edit();
          }}
          onKeyDown={enter}
          aria-invalid={invalid === 'ring' || undefined}
          aria-describedby={`${id}-ring-hint`}
          className="w-32"
        />
        <p
          id={`${id}-ring-hint`}
          className={invalid === 'ring' ? 'text-xs text-destructive' : 'text-xs text-muted-foreground'}
        >
          {t('callSettings.ringTimeoutHint')}
        </p>
      </div>
      <div className="flex items-center justify-between gap-4">
        <Label htmlFor={`${id}-voicemail`}>{t('callSettings.voicemail')}</Label>
        <Switch
          id={`${id}-voicemail`}
          checked={voicemail}
          onCheckedChange={(on) => {
            setVoicemail(on);
            edit();
          }}
        />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-greeting`}>{t('callSettings.greeting')}</Label>
        <Textarea
          id={`${id}-greeting`}
          rows={3}
          maxLength={GREETING_MAX}
          value={greeting}
          disabled={!voicemail}
          onChange={(e) => {
            setGreeting(e.target.value);
            edit();
          }}
          aria-describedby={`${id}-greeting-hint`}
        />
        <p id={`${id}-greeting-hint`} className="text-xs text-muted-foreground">
          {t('callSettings.greetingHint')}
        </p>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-forward`}>{t('callSettings.forward')}</Label>
        <Input
          id={`${id}-forward`}
          inputMode="tel"
          autoComplete="tel"
          value={forward}
          onChange={(e) => {
            setForward(e.target.value);
            edit();
          }}
          onKeyDown={enter}
          aria-invalid={invalid === 'forward' || undefined}
          aria-describedby={`${id}-forward-hint`}
        />
        <p
          id={`${id}-forward-hint`}
          className={invalid === 'forward' ? 'text-xs text-destructive' : 'text-xs text-muted-foreground'}
        >
          {invalid === 'forward' ? t('callSettings.forwardInvalid') : t('callSettings.forwardHint')}
        </p>
      </div>
      <div className="flex items-center justify-end gap-3">
        {save.status === 'saved' ? (
          <p role="status" className="text-sm text-muted-foreground">
            {t('callSettings.saved')}
          </p>
        ) : null}
        <Button onClick={submit} disabled={save.status === 'saving'}>
          {t('callSettings.save')}
        </Button>
      </div>
    </div>
  );
}
