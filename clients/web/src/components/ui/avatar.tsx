import * as AvatarPrimitive from '@radix-ui/react-avatar';
import type * as React from 'react';
import { cn, initials } from '../../lib/utils.ts';

/** Soft background per person, picked from their id so it stays the same everywhere. */
const tones = [
  'bg-teal-100 text-teal-900',
  'bg-sky-100 text-sky-900',
  'bg-amber-100 text-amber-900',
  'bg-rose-100 text-rose-900',
  'bg-violet-100 text-violet-900',
  'bg-lime-100 text-lime-900',
  'bg-orange-100 text-orange-900',
  'bg-indigo-100 text-indigo-900',
];

function toneOf(seed: string): string {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return tones[hash % tones.length] ?? tones[0] ?? '';
}

export interface AvatarProps extends React.ComponentProps<typeof AvatarPrimitive.Root> {
  name: string;
  seed?: string;
  src?: string;
}

export function Avatar({ name, seed, src, className, ...props }: AvatarProps) {
  return (
    <AvatarPrimitive.Root
      className={cn('relative flex size-10 shrink-0 overflow-hidden rounded-full select-none', className)}
      {...props}
    >
      {src ? <AvatarPrimitive.Image className="aspect-square size-full" src={src} alt="" /> : null}
      <AvatarPrimitive.Fallback
        className={cn('flex size-full items-center justify-center text-sm font-semibold', toneOf(seed ?? name))}
        aria-hidden="true"
      >
        {initials(name)}
      </AvatarPrimitive.Fallback>
    </AvatarPrimitive.Root>
  );
}
