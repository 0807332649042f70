import type { Locale } from './i18n.ts';

/** "14:05" today, "Mon" this week, "12 Mar" otherwise: for lists. */
export function shortTime(iso: string, locale: Locale, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const sameDay = date.toDateString() === now.toDateString();
  if (sameDay) return date.toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' });
  const days = (now.getTime() - date.getTime()) / 86_400_000;
  if (days < 6) return date.toLocaleDateString(locale, { weekday: 'short' });
  return date.toLocaleDateString(locale, { day: 'numeric', month: 'short' });
}

export function clockTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' });
}

/** "in 5 minutes" / "hace 3 horas": relative to now. */
export function relativeTime(iso: string, locale: Locale, now = Date.now()): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return '';
  const seconds = Math.round((then - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86_400), 'day');
}

/** The heading for a day in a chat: today, yesterday, or the date. */
export function dayKey(iso: string): string {
  return new Date(iso).toDateString();
}

export function dayLabel(iso: string, locale: Locale, labels: { today: string; yesterday: string }, now = new Date()) {
  const date = new Date(iso);
  if (date.toDateString() === now.toDateString()) return labels.today;
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (date.toDateString() === yesterday.toDateString()) return labels.yesterday;
  return date.toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long' });
}
