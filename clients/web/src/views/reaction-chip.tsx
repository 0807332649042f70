import * as PopoverPrimitive from '@radix-ui/react-popover';
import { useEffect, useRef, useState } from 'react';
import { PopoverContent } from '../components/ui/popover.tsx';
import { usePeople, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import type { Reaction } from '../lib/model.ts';
import { cn } from '../lib/utils.ts';
import { useLongPress } from './message-actions.tsx';

const HOVER_MS = 350;
const NAMES_IN_TITLE = 10;

/** The names of the people who reacted, "You" for me, in the order the server keeps. */
export function useReactors(reaction: Reaction): string[] {
  const { me, people } = useWorkspace();
  const { t } = useT();
  const profiles = usePeople((s) => s.profiles);
  const ids = reaction.userIds ?? [];
  const key = ids.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `ids`
  useEffect(() => {
    if (ids.length) void people.ensureProfiles(ids);
  }, [people, key]);
  return ids.map((id) => (id === me.id ? t('group.you') : (profiles[id]?.displayName ?? '…')));
}

/**
 * One reaction under a message: a press toggles mine; hovering (mouse) or a long-press (touch)
 * lists who reacted, as does the native tooltip and the accessible description.
 */
export function ReactionChip({ reaction: r, onToggle }: { reaction: Reaction; onToggle: () => void }) {
  const { t } = useT();
  const names = useReactors(r);
  const [open, setOpen] = useState(false);
  const hover = useRef<ReturnType<typeof setTimeout>>(undefined);
  const pressedLong = useRef(false);
  const longPress = useLongPress(() => {
    pressedLong.current = true;
    setOpen(true);
  });
  const shown = names.slice(0, NAMES_IN_TITLE).join(', ');
  const who = names.length
    ? t('reactions.who', {
        emoji: r.emoji,
        names:
          names.length > NAMES_IN_TITLE
            ? t('reactions.andMore', { names: shown, count: names.length - NAMES_IN_TITLE })
            : shown,
      })
    : undefined;
  const stopHover = () => {
    if (hover.current) clearTimeout(hover.current);
    hover.current = undefined;
  };
  return (
    <PopoverPrimitive.Root open={open && names.length > 0} onOpenChange={setOpen}>
      <PopoverPrimitive.Anchor asChild>
        <button
          type="button"
          {...longPress}
          onPointerDown={(e) => {
            pressedLong.current = false;
            longPress.onPointerDown(e);
          }}
          onPointerEnter={(e) => {
            if (e.pointerType !== 'mouse') return;
            stopHover();
            hover.current = setTimeout(() => setOpen(true), HOVER_MS);
          }}
          onPointerLeave={() => {
            stopHover();
            setOpen(false);
          }}
          onClick={() => {
            // a long-press showed the people: it is not also a toggle
            if (open && pressedLong.current) return;
            onToggle();
          }}
          aria-pressed={r.mine}
          aria-label={t('chat.reactedWith', { emoji: r.emoji, count: r.count })}
          aria-description={who}
          title={who}
          data-testid="reaction-chip"
          className={cn(
            'flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs transition-colors hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none',
            r.mine ? 'border-teal-300 bg-primary-soft text-primary-soft-foreground' : 'bg-background',
          )}
        >
          <span aria-hidden="true">{r.emoji}</span>
          <span className="font-medium">{r.count}</span>
        </button>
      </PopoverPrimitive.Anchor>
      <PopoverContent
        side="top"
        className="w-auto max-w-64 p-2 text-sm"
        onOpenAutoFocus={(e) => e.preventDefault()}
        data-testid="reaction-people"
        aria-label={t('reactions.people', { emoji: r.emoji })}
      >
        <p className="mb-1 text-lg leading-none" aria-hidden="true">
          {r.emoji}
        </p>
        <ul className="flex flex-col gap-0.5">
          {names.map((name, i) => (
            // names can repeat ("…" while loading): the position keeps keys unique
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={`${i}-${name}`}>{name}</li>
          ))}
        </ul>
      </PopoverContent>
    </PopoverPrimitive.Root>
  );
}
