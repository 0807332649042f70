import { Loader2, MessagesSquare } from 'lucide-react';
import { lazy, Suspense, useEffect } from 'react';
import { Button } from './components/ui/button.tsx';
import { useT } from './lib/i18n.ts';
import type { Parley } from './lib/parley.ts';
import { ParleyContext, useParley, useSession } from './lib/parley-context.ts';
import { useRoute } from './lib/router.ts';
import { useStore } from './lib/store.ts';
import { PwaUpdateNotice } from './views/pwa-update-notice.tsx';

// Each screen is a chunk of its own: the sign-in screen loads no chat code, and the chat list no
// sign-in code (and, inside the shell, no call or admin code: views/lazy-views.tsx).
const AuthScreen = lazy(() => import('./views/auth-screen.tsx').then((m) => ({ default: m.AuthScreen })));
const loadShell = () => import('./views/app-shell.tsx');
const AppShell = lazy(() => loadShell().then((m) => ({ default: m.AppShell })));
// The screens a mailed link opens (ADR 0020).
const PasswordResetScreen = lazy(() =>
  import('./views/password-reset-screen.tsx').then((m) => ({ default: m.PasswordResetScreen })),
);
const EmailVerifyScreen = lazy(() =>
  import('./views/email-verify-screen.tsx').then((m) => ({ default: m.EmailVerifyScreen })),
);

/** The whole client: the auth screen until someone is signed in, then the shell. */
export function App({ parley }: { parley: Parley }) {
  useEffect(() => {
    const stop = parley.start();
    // a stored session is being renewed: fetch the shell's code meanwhile (the workspace's too: Parley.start)
    if (parley.session.state.get().status === 'loading') void loadShell().catch(() => undefined);
    return stop;
  }, [parley]);
  return (
    <ParleyContext.Provider value={parley}>
      <Suspense fallback={<Splash />}>
        <Root />
      </Suspense>
      <PwaUpdateNotice />
    </ParleyContext.Provider>
  );
}

function Root() {
  const session = useSession();
  const workspace = useStore(useParley().workspace);
  const { locale } = useT();
  const route = useRoute();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  // A mailed link opens its own screen, signed in or not: the link's token is the proof.
  if (route.view === 'reset') return <PasswordResetScreen token={route.token} />;
  if (route.view === 'verify' && session.status !== 'loading') return <EmailVerifyScreen token={route.token} />;
  if (session.status === 'loading') return <Splash />;
  if (session.status === 'unreachable') return <Unreachable />;
  if (session.status === 'signed-out') return <AuthScreen />;
  // signed in, the workspace's chunk still on its way (fetched beside the session's renewal)
  if (!workspace) return <Splash />;
  return <AppShell />;
}

function Splash() {
  const { t } = useT();
  return (
    <main className="flex h-dvh flex-col items-center justify-center gap-4" aria-busy="true">
      <div
        className="flex size-12 items-center justify-center rounded-2xl bg-primary text-primary-foreground"
        aria-hidden="true"
      >
        <MessagesSquare className="size-6" />
      </div>
      <h1 className="sr-only">{t('app.name')}</h1>
      <p className="flex items-center gap-2 text-sm text-muted-foreground">
        <Loader2 className="size-4 animate-spin" aria-hidden="true" />
        {t('common.loading')}
      </p>
    </main>
  );
}

function Unreachable() {
  const { t } = useT();
  const { session } = useParley();
  return (
    <main className="flex h-dvh flex-col items-center justify-center gap-4 p-6 text-center">
      <h1 className="text-lg font-semibold">{t('error.network')}</h1>
      <Button onClick={() => void session.restore()}>{t('common.tryAgain')}</Button>
    </main>
  );
}
