import { Clock, MessageCircleOff } from 'lucide-react';
import { clockTime, relativeTime } from '../lib/format.ts';
import { useT } from '../lib/i18n.ts';
import type { ReplyWindow } from '../lib/reply-window.ts';

const HOUR = 60 * 60 * 1000;

/**
 * In place of the composer of a WhatsApp conversation whose 24 h reply window is closed: why nothing
 * can be sent, and that their next message opens it again (ADR 0030).
 */
export function ReplyWindowClosed({ reply }: { reply: Extract<ReplyWindow, { state: 'closed' }> }) {
  const { t, locale } = useT();
  const endedAt = reply.endsAt === undefined ? undefined : new Date(reply.endsAt).toISOString();
  return (
    <section
      className="mx-3 mb-3 flex gap-3 rounded-lg border bg-muted/60 px-4 py-3 text-sm md:mx-5"
      role="status"
      data-testid="reply-window-closed"
    >
      <MessageCircleOff className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
      <p>
        {endedAt ? t('texting.windowClosed') : t('texting.windowNeverOpened')}
        {endedAt ? (
          <span className="text-muted-foreground">
            {' '}
            {t('texting.windowClosedAt', { time: relativeTime(endedAt, locale) })}
          </span>
        ) : null}
      </p>
    </section>
  );
}

/** Above the composer while the window is open with under two hours left: how long is left. */
export function ReplyWindowHint({ reply }: { reply: Extract<ReplyWindow, { state: 'open' }> }) {
  const { t, locale } = useT();
  const hours = Math.floor(reply.leftMs / HOUR);
  const text =
    hours >= 1
      ? t('texting.windowHoursLeft', { count: hours })
      : t('texting.windowMinutesLeft', { count: Math.max(1, Math.ceil(reply.leftMs / 60_000)) });
  return (
    <p
      className="mx-3 mb-1 flex items-center gap-1.5 text-xs text-muted-foreground md:mx-5"
      title={t('texting.windowHintTitle', { time: clockTime(new Date(reply.endsAt).toISOString(), locale) })}
      data-testid="reply-window-hint"
    >
      <Clock className="size-3.5" aria-hidden />
      {text}
    </p>
  );
}
