import { Loader2, MessagesSquare } from 'lucide-react';
import { useEffect } from 'react';
import { Button } from './components/ui/button.tsx';
import { ParleyContext, useParley, useSession } from './lib/hooks.ts';
import { useT } from './lib/i18n.ts';
import type { Parley } from './lib/parley.ts';
import { useStore } from './lib/store.ts';
import { AppShell } from './views/app-shell.tsx';
import { AuthScreen } from './views/auth-screen.tsx';

/** The whole client: the auth screen until someone is signed in, then the shell. */
export function App({ parley }: { parley: Parley }) {
  useEffect(() => parley.start(), [parley]);
  return (
    <ParleyContext.Provider value={parley}>
      <Root />
    </ParleyContext.Provider>
  );
}

function Root() {
  const session = useSession();
  const workspace = useStore(useParley().workspace);
  const { locale } = useT();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  if (session.status === 'loading') return <Splash />;
  if (session.status === 'unreachable') return <Unreachable />;
  if (session.status === 'signed-out' || !workspace) return <AuthScreen />;
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
