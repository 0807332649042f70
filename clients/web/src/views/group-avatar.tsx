import { Smartphone, Users } from 'lucide-react';
import { cn } from '../lib/utils.ts';

/** The avatar of a group conversation, or (`phone`) of a text conversation with a phone number. */
export function GroupAvatar({ className, phone }: { name: string; seed: string; className?: string; phone?: boolean }) {
  return (
    <span
      className={cn(
        'flex size-10 shrink-0 items-center justify-center rounded-full bg-slate-200 text-slate-700',
        className,
      )}
      aria-hidden="true"
    >
      {phone ? <Smartphone className="size-5" /> : <Users className="size-5" />}
    </span>
  );
}
