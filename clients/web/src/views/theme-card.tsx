import { Monitor, Moon, Sun } from 'lucide-react';
import type * as React from 'react';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../components/ui/card.tsx';
import { type MessageKey, useT } from '../lib/i18n.ts';
import { useStore } from '../lib/store.ts';
import { THEME_CHOICES, type ThemeChoice, themeController } from '../lib/theme.ts';
import { cn } from '../lib/utils.ts';

const icons: Record<ThemeChoice, React.ComponentType<{ className?: string }>> = {
  system: Monitor,
  light: Sun,
  dark: Moon,
};
const labels: Record<ThemeChoice, MessageKey> = { system: 'theme.system', light: 'theme.light', dark: 'theme.dark' };

/**
 * Settings → Appearance: System / Light / Dark as a radio group (native radios: arrow keys and
 * screen readers work as they do everywhere), applied and stored at once.
 */
export function ThemeCard() {
  const { t } = useT();
  const controller = themeController();
  const choice = useStore(controller.state, (s) => s.choice);
  return (
    <Card aria-labelledby="theme-heading">
      <CardHeader>
        <CardTitle id="theme-heading">{t('theme.title')}</CardTitle>
        <CardDescription>{t('theme.lead')}</CardDescription>
      </CardHeader>
      <CardContent>
        <fieldset className="flex flex-wrap gap-2" data-testid="theme-choice">
          <legend className="sr-only">{t('theme.label')}</legend>
          {THEME_CHOICES.map((value) => {
            const Icon = icons[value];
            return (
              <label
                key={value}
                className={cn(
                  'flex h-9 cursor-pointer items-center gap-2 rounded-md border border-input bg-background px-3 text-sm font-medium text-foreground transition-colors hover:bg-muted has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring',
                  choice === value &&
                    'border-primary bg-primary-soft text-primary-soft-foreground hover:bg-primary-soft',
                )}
              >
                <input
                  type="radio"
                  name="theme"
                  value={value}
                  checked={choice === value}
                  onChange={() => controller.choose(value)}
                  className="sr-only"
                  data-testid={`theme-${value}`}
                />
                <Icon className="size-4" aria-hidden="true" />
                {t(labels[value])}
              </label>
            );
          })}
        </fieldset>
      </CardContent>
    </Card>
  );
}
