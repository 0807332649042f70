import { MailWarning, X } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../components/ui/button.tsx';
import { accountApi } from '../lib/account-api.ts';
import { useParley, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';

const DISMISSED_KEY = 'parley.verifyBannerDismissed';

type Resend = 'idle' | 'sending' | 'sent' | 'failed';

/**
 * "Verify your email" with Resend, above every view until my email is verified. Dismissing hides it
 * for this browser session (sessionStorage): it comes back next time, as the email is still unproven.
 */
export function EmailVerifyBanner() {
  const { t } = useT();
  const { api } = useParley();
  const { me } = useWorkspace();
  const [dismissed, setDismissed] = useState(() => readDismissed() === me.id);
  const [resend, setResend] = useState<Resend>('idle');

  if (me.emailVerified !== false || dismissed) return null;

  async function again() {
    setResend('sending');
    try {
      await accountApi(api).resendEmailVerification();
      setResend('sent');
    } catch {
      setResend('failed');
    }
  }

  return (
    <div
      role="status"
      className="flex items-center gap-3 border-b bg-amber-50 px-4 py-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-50"
      data-testid="verify-banner"
    >
      <MailWarning className="size-4 shrink-0" aria-hidden="true" />
      <p className="min-w-0 flex-1">
        {t('verify.banner', { email: me.email ?? '' })}{' '}
        {resend === 'sent' ? <span className="font-medium">{t('verify.resent')}</span> : null}
        {resend === 'failed' ? <span className="font-medium">{t('verify.resendFailed')}</span> : null}
      </p>
      {resend !== 'sent' ? (
        <Button size="sm" variant="outline" disabled={resend === 'sending'} onClick={() => void again()}>
          {resend === 'sending' ? t('verify.resending') : t('verify.resend')}
        </Button>
      ) : null}
      <Button
        size="icon-sm"
        variant="ghost"
        aria-label={t('verify.dismiss')}
        onClick={() => {
          writeDismissed(me.id);
          setDismissed(true);
        }}
      >
        <X aria-hidden="true" />
      </Button>
    </div>
  );
}

function readDismissed(): string | null {
  try {
    return globalThis.sessionStorage?.getItem(DISMISSED_KEY) ?? null;
  } catch {
    return null;
  }
}

function writeDismissed(userId: string): void {
  try {
    globalThis.sessionStorage?.setItem(DISMISSED_KEY, userId);
  } catch {
    // private mode without storage: dismissed until reload
  }
}
