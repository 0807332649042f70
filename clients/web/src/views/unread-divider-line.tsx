import { useT } from '../lib/i18n.ts';

/** The "N unread messages" line above the first message that was unread when the chat opened. */
export function UnreadDividerLine({ count }: { count: number }) {
  const { t } = useT();
  return (
    <li className="my-3 flex items-center gap-3" data-testid="unread-divider">
      <span className="h-px flex-1 bg-primary/40" aria-hidden="true" />
      <span className="rounded-full bg-primary-soft px-3 py-0.5 text-xs font-semibold text-primary-soft-foreground">
        {count === 1 ? t('reading.unreadOne') : t('reading.unread', { count })}
      </span>
      <span className="h-px flex-1 bg-primary/40" aria-hidden="true" />
    </li>
  );
}
