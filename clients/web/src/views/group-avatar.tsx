import { Users } from 'lucide-react';
import { cn } from '../lib/utils.ts';

/** The avatar of a group conversation. */
export function GroupAvatar({ className }: { name: string; seed: string; className?: string }) {
  return (
    <span
      className={cn(
        'flex size-10 shrink-0 items-center justify-center rounded-full bg-slate-200 text-slate-700',
        className,
      )}
      aria-hidden="true"
    >
      <Users className="size-5" />
    </span>
  );
}
