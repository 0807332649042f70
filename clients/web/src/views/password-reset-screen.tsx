import { CheckCircle2, KeyRound } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Button } from '../components/ui/button.tsx';
import { Input } from '../components/ui/input.tsx';
import { Label } from '../components/ui/label.tsx';
import { accountApi } from '../lib/account-api.ts';
import { accountErrorMessage, isLinkRefused } from '../lib/account-errors.ts';
import { fieldErrors } from '../lib/field-errors.ts';
import { useT } from '../lib/i18n.ts';
import { useParley } from '../lib/parley-context.ts';
import { navigate } from '../lib/router.ts';
import { AccountFrame } from './email-verify-screen.tsx';

/**
 * `#/reset?token=…`, the link of the password reset email: "Choose a new password". On success every
 * session of the account has ended (this browser's too), so it signs out here and offers to sign in.
 */
export function PasswordResetScreen({ token }: { token: string }) {
  const { t } = useT();
  const { api, session } = useParley();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const ids = { password: useId(), repeat: useId(), hint: useId() };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    if (password !== String(form.get('repeat') ?? '')) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setBusy(true);
    setError(undefined);
    try {
      await accountApi(api).confirmPasswordReset(token, password);
      await session.logout();
      setDone(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const toSignIn = () => navigate({ view: 'chats' });

  if (done) {
    return (
      <AccountFrame icon={<CheckCircle2 className="size-6" aria-hidden="true" />} title={t('reset.doneTitle')}>
        <p className="text-center text-sm text-muted-foreground" data-testid="reset-done">
          {t('reset.doneLead')}
        </p>
        <Button size="lg" onClick={toSignIn}>
          {t('reset.signIn')}
        </Button>
      </AccountFrame>
    );
  }

  const passwordError = fieldErrors(error).password;
  return (
    <AccountFrame icon={<KeyRound className="size-6" aria-hidden="true" />} title={t('reset.chooseTitle')}>
      {!token ? (
        <Alert variant="destructive">{t('reset.linkMissing')}</Alert>
      ) : (
        <form onSubmit={submit} className="flex flex-col gap-4 rounded-xl border bg-card p-6 shadow-sm" noValidate>
          <p className="text-sm text-muted-foreground">{t('reset.chooseLead')}</p>
          {error && !passwordError ? <Alert variant="destructive">{accountErrorMessage(t, error)}</Alert> : null}
          {mismatch ? <Alert variant="destructive">{t('reset.mismatch')}</Alert> : null}
          <div className="flex flex-col gap-2">
            <Label htmlFor={ids.password}>{t('reset.newPassword')}</Label>
            <Input
              id={ids.password}
              name="password"
              type="password"
              autoComplete="new-password"
              required
              minLength={8}
              aria-describedby={ids.hint}
              aria-invalid={Boolean(passwordError)}
            />
            <p id={ids.hint} className={passwordError ? 'text-xs text-destructive' : 'text-xs text-muted-foreground'}>
              {passwordError ?? t('auth.passwordHint')}
            </p>
          </div>
          <div className="flex flex-col gap-2">
            <Label htmlFor={ids.repeat}>{t('reset.confirmPassword')}</Label>
            <Input
              id={ids.repeat}
              name="repeat"
              type="password"
              autoComplete="new-password"
              required
              aria-invalid={mismatch}
            />
          </div>
          <Button type="submit" size="lg" disabled={busy}>
            {busy ? t('reset.saving') : t('reset.save')}
          </Button>
        </form>
      )}
      {!token || isLinkRefused(error) ? (
        <Button variant="link" onClick={toSignIn}>
          {t('reset.askAgain')}
        </Button>
      ) : null}
    </AccountFrame>
  );
}
