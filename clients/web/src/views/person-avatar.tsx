import { Avatar } from '../components/ui/avatar.tsx';
import { useDisplayName, usePeople } from '../lib/hooks.ts';
import { cn } from '../lib/utils.ts';
import { PresenceDot } from './presence-dot.tsx';

/** A person's avatar with their presence dot. */
export function PersonAvatar({
  userId,
  className,
  presence = true,
}: {
  userId: string;
  className?: string;
  presence?: boolean;
}) {
  const name = useDisplayName(userId);
  const src = usePeople((s) => s.profiles[userId]?.avatarUrl);
  return (
    <span className="relative inline-flex">
      <Avatar name={name} seed={userId} src={src} className={cn(className)} />
      {presence ? <PresenceDot userId={userId} /> : null}
    </span>
  );
}
