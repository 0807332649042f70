import { Languages } from 'lucide-react';
import { useId } from 'react';
import { type Locale, locales, setLocale, useT } from '../lib/i18n.ts';
import { cn } from '../lib/utils.ts';

/** The language switch (a native select: accessible and keyboard friendly by default). */
export function LanguageSelect({ compact = false }: { compact?: boolean }) {
  const { t, locale } = useT();
  const id = useId();
  return (
    <div className={cn('flex items-center gap-2', compact && 'text-sm text-muted-foreground')}>
      <Languages className="size-4" aria-hidden="true" />
      <label htmlFor={id} className={compact ? 'sr-only' : 'text-sm font-medium'}>
        {t('settings.language')}
      </label>
      <select
        id={id}
        value={locale}
        onChange={(event) => setLocale(event.target.value as Locale)}
        className="h-9 rounded-md border border-input bg-background px-2 text-sm text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
      >
        {Object.entries(locales).map(([code, { label }]) => (
          <option key={code} value={code}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
