import { useT } from '../lib/i18n.ts';
import { countryName, flagOf } from '../lib/numbers-format.ts';
import { cn } from '../lib/utils.ts';

/** A country's flag (the system's emoji), named for screen readers; nothing for an unknown country. */
export function PhoneFlag({ country, className }: { country?: string; className?: string }) {
  const { locale } = useT();
  if (!country || !flagOf(country)) return null;
  return (
    <span role="img" aria-label={countryName(country, locale)} className={cn('leading-none', className)}>
      {flagOf(country)}
    </span>
  );
}
