import { useEffect, useState } from 'react';
import type { Conversation } from './model.ts';

/**
 * WhatsApp's customer service window (ADR 0030): a reply is accepted only within 24 hours of the
 * person's last message. The server says when it ends (`replyWindowEndsAt`, `null`: they never wrote);
 * a new message from them moves it on at once (`conversation-frames.ts`).
 */
export const WHATSAPP_REPLY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** under this much time left, the composer says how long */
export const REPLY_HINT_MS = 2 * 60 * 60 * 1000;

export type ReplyWindow =
  /** not WhatsApp, or a server that does not say: nothing to show */
  | { state: 'none' }
  | { state: 'open'; endsAt: number; leftMs: number; hint: boolean }
  | { state: 'closed'; endsAt?: number };

/** Where a conversation's reply window stands at `now` (ms). */
export function replyWindow(
  conversation: Pick<Conversation, 'kind' | 'replyWindowEndsAt'> | undefined,
  now: number,
): ReplyWindow {
  if (conversation?.kind !== 'whatsapp' || conversation.replyWindowEndsAt === undefined) return { state: 'none' };
  if (conversation.replyWindowEndsAt === null) return { state: 'closed' };
  const endsAt = Date.parse(conversation.replyWindowEndsAt);
  if (Number.isNaN(endsAt)) return { state: 'none' };
  const leftMs = endsAt - now;
  if (leftMs <= 0) return { state: 'closed', endsAt };
  return { state: 'open', endsAt, leftMs, hint: leftMs <= REPLY_HINT_MS };
}

/** The window's end after a message from the person sent at `sentAt`: the later of the two. */
export function windowAfterInbound(current: string | null | undefined, sentAt: string): string | null | undefined {
  const at = Date.parse(sentAt);
  if (Number.isNaN(at)) return current;
  const next = at + WHATSAPP_REPLY_WINDOW_MS;
  const known = current ? Date.parse(current) : Number.NEGATIVE_INFINITY;
  return next > known ? new Date(next).toISOString() : current;
}

/** The later of two window ends, as the server only ever moves it on (`null` and absent lose). */
export function laterWindowEnd(a: string | null | undefined, b: string | null | undefined): string | null | undefined {
  if (!a) return b ?? a;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** When the window's view changes next: its end, the start of the hint, or the hint's next minute. */
function nextChange(reply: ReplyWindow): number | undefined {
  if (reply.state !== 'open') return undefined;
  if (!reply.hint) return reply.leftMs - REPLY_HINT_MS;
  return Math.min(reply.leftMs, reply.leftMs % 60_000 || 60_000);
}

/** The reply window of a conversation, re-rendered when it closes, enters the hint, or its minutes move. */
export function useReplyWindow(
  conversation: Pick<Conversation, 'kind' | 'replyWindowEndsAt'> | undefined,
): ReplyWindow {
  const [, setTick] = useState(0);
  // judged at the time of rendering: a conversation a new message reopened is never read against an old clock
  const current = replyWindow(conversation, Date.now());
  const wait = nextChange(current);
  useEffect(() => {
    if (wait === undefined) return;
    // +20 ms: past the boundary, never a hair before it; a timer holds at most ~24.8 days
    const timer = setTimeout(() => setTick((n) => n + 1), Math.min(wait + 20, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [wait]);
  return current;
}
