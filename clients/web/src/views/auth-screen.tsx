import { MessagesSquare } from 'lucide-react';
import { type FormEvent, useId, useRef, useState } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Button } from '../components/ui/button.tsx';
import { Input } from '../components/ui/input.tsx';
import { Label } from '../components/ui/label.tsx';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { useT } from '../lib/i18n.ts';
import { useParley, useSession } from '../lib/parley-context.ts';
import { LanguageSelect } from './language-select.tsx';
import { PasswordResetRequest } from './password-reset-request.tsx';

type Mode = 'sign-in' | 'sign-up' | 'forgot';

/** Sign in, create an account, or ask for a password reset link ("Forgot password?"). */
export function AuthScreen() {
  const { session } = useParley();
  const state = useSession();
  const { t } = useT();
  const [mode, setMode] = useState<Mode>('sign-in');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  // what was typed as the email when "Forgot password?" was pressed: the reset form starts with it
  const [emailDraft, setEmailDraft] = useState('');
  const emailInput = useRef<HTMLInputElement>(null);
  const ids = {
    name: useId(),
    email: useId(),
    password: useId(),
    hint: useId(),
    nameError: useId(),
    emailError: useId(),
  };
  const expired = state.status === 'signed-out' && state.notice === 'expired';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    setBusy(true);
    setError(undefined);
    try {
      if (mode === 'sign-up') {
        await session.register({ email, password, displayName: String(form.get('displayName') ?? '').trim() });
      } else {
        await session.login({ email, password });
      }
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  const signUp = mode === 'sign-up';
  const forgot = mode === 'forgot';
  const fields = fieldErrors(error);
  const fieldError = (field: string): string | undefined => fields[field];

  return (
    <main className="flex min-h-full flex-col items-center justify-center bg-[radial-gradient(ellipse_80%_60%_at_50%_0%,var(--color-teal-50),var(--color-white))] px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3 text-center">
          <div className="flex size-12 items-center justify-center rounded-2xl bg-primary text-primary-foreground shadow-md">
            <MessagesSquare className="size-6" aria-hidden="true" />
          </div>
          <h1 className="text-2xl font-semibold tracking-tight">
            {signUp ? t('auth.welcome') : t('auth.welcomeBack')}
          </h1>
          <p className="text-sm text-muted-foreground">{signUp ? t('auth.signUpLead') : t('auth.signInLead')}</p>
        </div>
        {forgot ? (
          <PasswordResetRequest
            initialEmail={emailDraft}
            onBack={() => {
              setMode('sign-in');
              setError(undefined);
            }}
          />
        ) : (
          <form onSubmit={submit} className="flex flex-col gap-4 rounded-xl border bg-card p-6 shadow-sm" noValidate>
            {expired && !error ? <Alert variant="warning">{t('auth.sessionExpired')}</Alert> : null}
            {error ? (
              <Alert variant="destructive">
                {formError(t, error, signUp ? ['displayName', 'email', 'password'] : ['email', 'password'])}
              </Alert>
            ) : null}
            {signUp ? (
              <div className="flex flex-col gap-2">
                <Label htmlFor={ids.name}>{t('auth.displayName')}</Label>
                <Input
                  id={ids.name}
                  name="displayName"
                  autoComplete="name"
                  required
                  maxLength={80}
                  aria-invalid={Boolean(fieldError('displayName'))}
                  aria-describedby={fieldError('displayName') ? ids.nameError : undefined}
                />
                {fieldError('displayName') ? (
                  <p id={ids.nameError} className="text-xs text-destructive">
                    {fieldError('displayName')}
                  </p>
                ) : null}
              </div>
            ) : null}
            <div className="flex flex-col gap-2">
              <Label htmlFor={ids.email}>{t('auth.email')}</Label>
              <Input
                id={ids.email}
                ref={emailInput}
                name="email"
                type="email"
                autoComplete="email"
                required
                aria-invalid={Boolean(fieldError('email'))}
                aria-describedby={fieldError('email') ? ids.emailError : undefined}
              />
              {fieldError('email') ? (
                <p id={ids.emailError} className="text-xs text-destructive">
                  {fieldError('email')}
                </p>
              ) : null}
            </div>
            <div className="flex flex-col gap-2">
              <div className="flex items-baseline justify-between gap-2">
                <Label htmlFor={ids.password}>{t('auth.password')}</Label>
                {signUp ? null : (
                  <Button
                    type="button"
                    variant="link"
                    className="h-auto p-0 text-xs"
                    onClick={() => {
                      setEmailDraft(emailInput.current?.value.trim() ?? '');
                      setMode('forgot');
                      setError(undefined);
                    }}
                  >
                    {t('reset.forgot')}
                  </Button>
                )}
              </div>
              <Input
                id={ids.password}
                name="password"
                type="password"
                autoComplete={signUp ? 'new-password' : 'current-password'}
                required
                minLength={signUp ? 8 : undefined}
                aria-describedby={signUp || fieldError('password') ? ids.hint : undefined}
                aria-invalid={Boolean(fieldError('password'))}
              />
              {signUp || fieldError('password') ? (
                <p
                  id={ids.hint}
                  className={fieldError('password') ? 'text-xs text-destructive' : 'text-xs text-muted-foreground'}
                >
                  {fieldError('password') ?? t('auth.passwordHint')}
                </p>
              ) : null}
            </div>
            <Button type="submit" size="lg" disabled={busy} className="mt-2">
              {busy
                ? signUp
                  ? t('auth.creating')
                  : t('auth.signingIn')
                : signUp
                  ? t('auth.signUp')
                  : t('auth.signIn')}
            </Button>
          </form>
        )}
        {forgot ? null : (
          <p className="mt-6 text-center text-sm text-muted-foreground">
            {signUp ? t('auth.haveAccount') : t('auth.noAccount')}{' '}
            <Button
              variant="link"
              className="h-auto p-0"
              onClick={() => {
                setMode(signUp ? 'sign-in' : 'sign-up');
                setError(undefined);
              }}
            >
              {signUp ? t('auth.signIn') : t('auth.signUp')}
            </Button>
          </p>
        )}
        <div className="mt-8 flex justify-center">
          <LanguageSelect compact />
        </div>
      </div>
    </main>
  );
}
