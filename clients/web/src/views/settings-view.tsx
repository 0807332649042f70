import { LogOut } from 'lucide-react';
import { Button } from '../components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../components/ui/card.tsx';
import { useParley } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import { navigate } from '../lib/router.ts';
import { BlockedPeopleCard } from './blocked-people-card.tsx';
import { CallSettingsCard } from './call-settings-card.tsx';
import { LanguageSelect } from './language-select.tsx';
import { MobileVerificationCard } from './mobile-verification-card.tsx';
import { MyNumbersCard } from './my-numbers-card.tsx';
import { NotificationSettings } from './notification-settings.tsx';
import { ProfileForm } from './profile-form.tsx';
import { SessionList } from './session-list.tsx';
import { ThemeCard } from './theme-card.tsx';

/** Profile, language, notification preferences, sessions, sign out. */
export function SettingsView() {
  const { t } = useT();
  const { session } = useParley();
  return (
    // relative: the cards' visually hidden inputs (absolute) stay inside this scroller; else they
    // make the whole page scrollable and scrolling to them (focus, scroll chaining) moves the shell
    <main className="relative min-h-0 flex-1 overflow-y-auto bg-subtle">
      <div className="mx-auto flex max-w-2xl flex-col gap-5 px-4 py-6 md:py-10">
        <h1 className="text-2xl font-semibold tracking-tight">{t('settings.title')}</h1>
        <ProfileForm />
        <MobileVerificationCard />
        <MyNumbersCard />
        <CallSettingsCard />
        <Card aria-labelledby="language-heading">
          <CardHeader>
            <CardTitle id="language-heading">{t('settings.language')}</CardTitle>
            <CardDescription>{t('settings.languageLead')}</CardDescription>
          </CardHeader>
          <CardContent>
            <LanguageSelect />
          </CardContent>
        </Card>
        <ThemeCard />
        <NotificationSettings />
        <BlockedPeopleCard />
        <SessionList />
        <div className="flex justify-end">
          <Button
            variant="outline"
            onClick={() => {
              navigate({ view: 'chats' });
              void session.logout();
            }}
            data-testid="sign-out"
          >
            <LogOut aria-hidden="true" />
            {t('auth.signOut')}
          </Button>
        </div>
      </div>
    </main>
  );
}
