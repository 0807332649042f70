import { BadgeCheck } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Button } from '../components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../components/ui/card.tsx';
import { Input } from '../components/ui/input.tsx';
import { Label } from '../components/ui/label.tsx';
import { ApiError } from '../lib/api-client.ts';
import { errorMessage } from '../lib/errors.ts';
import { useWorkspace } from '../lib/hooks.ts';
import { type Translate, useT } from '../lib/i18n.ts';

type Step = { kind: 'number' } | { kind: 'code'; mobileNumber: string };

/** The verification errors a person can act on, in their words; others as the API put them. */
function verificationError(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'verification_code_invalid') return t('mobileVerify.wrongCode');
    if (error.code === 'verification_attempts_exhausted') return t('mobileVerify.tooManyTries');
    if (error.code === 'verification_resend_throttled') return t('mobileVerify.wait');
  }
  return errorMessage(t, error);
}

/**
 * Settings: prove a mobile number is mine with the code texted to it. Parley sends SMS alerts only
 * to a verified number, so this card says plainly whether mine is.
 */
export function MobileVerificationCard() {
  const { t } = useT();
  const { me, identity } = useWorkspace();
  const id = useId();
  const [verified, setVerified] = useState<string | undefined>(me.mobileVerified ? me.mobileNumber : undefined);
  const [step, setStep] = useState<Step>({ kind: 'number' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function sendCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const mobileNumber = String(new FormData(event.currentTarget).get('mobileNumber') ?? '').trim();
    void run(async () => {
      await identity.requestMobileVerification(mobileNumber);
      setStep({ kind: 'code', mobileNumber });
    });
  }

  function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '').trim();
    void run(async () => {
      const result = await identity.confirmMobileVerification(code);
      setVerified(result.mobileNumber);
      setStep({ kind: 'number' });
    });
  }

  return (
    <Card aria-labelledby={`${id}-title`} data-testid="mobile-verification">
      <CardHeader>
        <CardTitle id={`${id}-title`}>{t('mobileVerify.title')}</CardTitle>
        <CardDescription>{t('mobileVerify.lead')}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4" aria-live="polite" aria-busy={busy}>
        {verified ? (
          <p className="flex items-center gap-2 text-sm" role="status" data-testid="mobile-verified">
            <BadgeCheck aria-hidden="true" className="size-4 text-primary" />
            <span className="font-medium">{verified}</span>
            <span className="text-muted-foreground">{t('mobileVerify.verified')}</span>
          </p>
        ) : me.mobileNumber ? (
          <p className="text-sm text-muted-foreground">
            {me.mobileNumber} · {t('mobileVerify.notVerified')}
          </p>
        ) : null}
        {error ? <Alert variant="destructive">{verificationError(t, error)}</Alert> : null}
        {step.kind === 'number' ? (
          <form className="flex flex-col gap-2 sm:flex-row sm:items-end" onSubmit={sendCode}>
            <div className="flex flex-1 flex-col gap-2">
              <Label htmlFor={`${id}-number`}>{t('settings.mobile')}</Label>
              <Input
                id={`${id}-number`}
                name="mobileNumber"
                type="tel"
                inputMode="tel"
                autoComplete="tel"
                required
                defaultValue={me.mobileNumber ?? ''}
              />
            </div>
            <Button type="submit" disabled={busy}>
              {busy ? t('mobileVerify.sending') : t('mobileVerify.send')}
            </Button>
          </form>
        ) : (
          <form className="flex flex-col gap-2" onSubmit={confirm}>
            <p className="text-sm text-muted-foreground">{t('mobileVerify.sent', { number: step.mobileNumber })}</p>
            <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
              <div className="flex flex-1 flex-col gap-2">
                <Label htmlFor={`${id}-code`}>{t('mobileVerify.code')}</Label>
                <Input
                  id={`${id}-code`}
                  name="code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  pattern="\d{6}"
                  maxLength={6}
                  required
                />
              </div>
              <Button type="submit" disabled={busy}>
                {busy ? t('mobileVerify.confirming') : t('mobileVerify.confirm')}
              </Button>
            </div>
            <Button
              type="button"
              variant="ghost"
              size="sm"
              className="self-start"
              onClick={() => setStep({ kind: 'number' })}
            >
              {t('mobileVerify.changeNumber')}
            </Button>
          </form>
        )}
      </CardContent>
    </Card>
  );
}
