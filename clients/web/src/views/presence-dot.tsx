import { usePeople } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import { cn } from '../lib/utils.ts';

/** A green dot when the person is online (with a text alternative for screen readers). */
export function PresenceDot({ userId, className }: { userId: string; className?: string }) {
  const online = usePeople((s) => s.presence[userId]?.status === 'online');
  const { t } = useT();
  if (!online) return null;
  return (
    <span
      className={cn('absolute right-0 bottom-0 block size-3 rounded-full bg-online ring-2 ring-background', className)}
      role="img"
      aria-label={t('chat.online')}
      data-testid="presence-online"
    />
  );
}
