import type * as React from 'react';
import { cn } from '../lib/utils.ts';

/** A native select styled like `Input` (native: the phone's own picker, and keyboard and screen readers for free). */
export function AdminSelect({ className, ...props }: React.ComponentProps<'select'>) {
  return (
    <select
      className={cn(
        'flex h-10 w-full min-w-0 rounded-md border border-input bg-background px-3 py-2 text-base shadow-xs focus-visible:border-ring focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring/30 disabled:opacity-50 md:text-sm',
        className,
      )}
      {...props}
    />
  );
}
