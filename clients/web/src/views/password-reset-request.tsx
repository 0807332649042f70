import { MailCheck } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Button } from '../components/ui/button.tsx';
import { Input } from '../components/ui/input.tsx';
import { Label } from '../components/ui/label.tsx';
import { accountApi } from '../lib/account-api.ts';
import { accountErrorMessage } from '../lib/account-errors.ts';
import { useT } from '../lib/i18n.ts';
import { useParley } from '../lib/parley-context.ts';

/**
 * "Forgot password?": the email form, then "Check your email". The server answers the same for every
 * address, so the screen says "if an account uses it" and never whether one does.
 */
export function PasswordResetRequest({ onBack, initialEmail = '' }: { onBack: () => void; initialEmail?: string }) {
  const { t } = useT();
  const { api } = useParley();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [sentTo, setSentTo] = useState<string>();
  const emailId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email') ?? '').trim();
    setBusy(true);
    setError(undefined);
    try {
      await accountApi(api).requestPasswordReset(email);
      setSentTo(email);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  if (sentTo) {
    return (
      <section
        className="flex flex-col items-center gap-4 rounded-xl border bg-card p-6 text-center shadow-sm"
        aria-labelledby="reset-check-title"
        data-testid="reset-check-email"
      >
        <MailCheck className="size-10 text-primary" aria-hidden="true" />
        <h2 id="reset-check-title" className="text-lg font-semibold">
          {t('reset.checkTitle')}
        </h2>
        <p className="text-sm text-muted-foreground">{t('reset.checkLead', { email: sentTo })}</p>
        <Button variant="link" onClick={onBack}>
          {t('reset.backToSignIn')}
        </Button>
      </section>
    );
  }

  return (
    <form
      onSubmit={submit}
      className="flex flex-col gap-4 rounded-xl border bg-card p-6 shadow-sm"
      noValidate
      aria-labelledby="reset-request-title"
    >
      <h2 id="reset-request-title" className="text-lg font-semibold">
        {t('reset.requestTitle')}
      </h2>
      <p className="text-sm text-muted-foreground">{t('reset.requestLead')}</p>
      {error ? <Alert variant="destructive">{accountErrorMessage(t, error)}</Alert> : null}
      <div className="flex flex-col gap-2">
        <Label htmlFor={emailId}>{t('auth.email')}</Label>
        <Input id={emailId} name="email" type="email" autoComplete="email" required defaultValue={initialEmail} />
      </div>
      <Button type="submit" size="lg" disabled={busy}>
        {busy ? t('reset.sending') : t('reset.send')}
      </Button>
      <Button type="button" variant="link" className="h-auto p-0" onClick={onBack}>
        {t('reset.backToSignIn')}
      </Button>
    </form>
  );
}
