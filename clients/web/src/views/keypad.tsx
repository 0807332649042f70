import { Button } from '../components/ui/button.tsx';
import { DIAL_KEYS, type DialKey } from '../lib/dial-pad-store.ts';
import { cn } from '../lib/utils.ts';

/** Letters under the digits, as on a phone. */
const LETTERS: Partial<Record<DialKey, string>> = {
  '2': 'ABC',
  '3': 'DEF',
  '4': 'GHI',
  '5': 'JKL',
  '6': 'MNO',
  '7': 'PQRS',
  '8': 'TUV',
  '9': 'WXYZ',
  '0': '+',
};

/** Twelve keys, 1-9 * 0 #: the dial pad's and the call screen's (tones to the phone). */
export function Keypad({
  onKey,
  label,
  keyPrefix,
  dark = false,
  onLongZero,
}: {
  onKey: (key: DialKey) => void;
  /** the group's name */
  label: string;
  /** a word read before each key's digit ("Send" 5); the digit alone when not given */
  keyPrefix?: string;
  /** light keys on the dark call screen */
  dark?: boolean;
  /** a long press on 0 types + (dial pad only) */
  onLongZero?: () => void;
}) {
  return (
    <fieldset aria-label={label} className="grid grid-cols-3 gap-3" data-testid="keypad">
      {DIAL_KEYS.map((key) => (
        <Button
          key={key}
          variant={dark ? 'secondary' : 'outline'}
          className={cn(
            'flex h-14 flex-col gap-0 rounded-full text-xl font-medium tabular-nums sm:h-16',
            dark && 'bg-white/10 text-white hover:bg-white/20',
          )}
          data-key={key}
          onClick={() => onKey(key)}
          onContextMenu={
            key === '0' && onLongZero
              ? (e) => {
                  e.preventDefault();
                  onLongZero();
                }
              : undefined
          }
        >
          {/* The name is what is seen (the digit), so no aria-label that would differ from it. */}
          <span>
            {keyPrefix ? (
              <>
                <span className="sr-only">{keyPrefix}</span>{' '}
              </>
            ) : null}
            {key}
          </span>
          {LETTERS[key] ? (
            <span aria-hidden="true" className="text-[0.625rem] leading-none tracking-widest opacity-60">
              {LETTERS[key]}
            </span>
          ) : null}
        </Button>
      ))}
    </fieldset>
  );
}
