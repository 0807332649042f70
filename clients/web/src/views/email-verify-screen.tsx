import { CheckCircle2, Loader2, MailWarning } from 'lucide-react';
import { type ReactNode, useEffect, useState } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Button } from '../components/ui/button.tsx';
import { accountApi } from '../lib/account-api.ts';
import { accountErrorMessage } from '../lib/account-errors.ts';
import { useT } from '../lib/i18n.ts';
import { useParley, useSession } from '../lib/parley-context.ts';
import { navigate } from '../lib/router.ts';
import { LanguageSelect } from './language-select.tsx';

/** The centred card of the screens a mailed link opens (reset, verify), like the sign-in screen. */
export function AccountFrame({ icon, title, children }: { icon: ReactNode; title: string; children: ReactNode }) {
  return (
    <main className="flex min-h-full flex-col items-center justify-center bg-[radial-gradient(ellipse_80%_60%_at_50%_0%,var(--color-teal-50),var(--color-white))] px-4 py-10">
      <div className="flex w-full max-w-sm flex-col gap-4">
        <div className="mb-4 flex flex-col items-center gap-3 text-center">
          <div className="flex size-12 items-center justify-center rounded-2xl bg-primary text-primary-foreground shadow-md">
            {icon}
          </div>
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        </div>
        {children}
        <div className="mt-6 flex justify-center">
          <LanguageSelect compact />
        </div>
      </div>
    </main>
  );
}

type Status = { kind: 'verifying' } | { kind: 'done' } | { kind: 'failed'; error: unknown };

/**
 * `#/verify?token=…`, the link of the verification email: confirms it once on opening (signed in or
 * not: the token is the proof) and, when signed in here, updates my profile so the banner goes.
 */
export function EmailVerifyScreen({ token }: { token: string }) {
  const { t } = useT();
  const { api, session } = useParley();
  const state = useSession();
  const [status, setStatus] = useState<Status>({ kind: 'verifying' });
  const user = state.status === 'signed-in' ? state.user : undefined;

  useEffect(() => {
    let live = true;
    accountApi(api)
      .confirmEmailVerification(token)
      .then(() => live && setStatus({ kind: 'done' }))
      .catch((error: unknown) => live && setStatus({ kind: 'failed', error }));
    return () => {
      live = false;
    };
  }, [api, token]);

  useEffect(() => {
    if (status.kind === 'done' && user && !user.emailVerified) session.setUser({ ...user, emailVerified: true });
  }, [status, user, session]);

  const proceed = () => navigate({ view: 'chats' });
  if (status.kind === 'verifying') {
    return (
      <AccountFrame icon={<Loader2 className="size-6 animate-spin" aria-hidden="true" />} title={t('verify.title')}>
        <p className="sr-only" aria-live="polite">
          {t('common.loading')}
        </p>
      </AccountFrame>
    );
  }
  if (status.kind === 'done') {
    return (
      <AccountFrame icon={<CheckCircle2 className="size-6" aria-hidden="true" />} title={t('verify.doneTitle')}>
        <p className="text-center text-sm text-muted-foreground" data-testid="verify-done">
          {t('verify.doneLead')}
        </p>
        <Button size="lg" onClick={proceed}>
          {t('verify.continue')}
        </Button>
      </AccountFrame>
    );
  }
  return (
    <AccountFrame icon={<MailWarning className="size-6" aria-hidden="true" />} title={t('verify.failedTitle')}>
      <Alert variant="destructive">{accountErrorMessage(t, status.error)}</Alert>
      <Button size="lg" variant="outline" onClick={proceed}>
        {t('verify.continue')}
      </Button>
    </AccountFrame>
  );
}
