import type { CurrentCall } from './call-store.ts';
import type { Translate } from './i18n.ts';

/** "0:07", "3:12", "1:02:03": a call's length. */
export function callDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** What an ended call says: "No answer", "Declined", "Call ended · 3:12", or why it could not be placed. */
export function endedText(call: Pick<CurrentCall, 'endReason' | 'durationSeconds' | 'error'>, t: Translate): string {
  if (call.error === 'user_not_found' || call.error === 'cannot_call_yourself') return t(`call.error.${call.error}`);
  switch (call.endReason) {
    case 'completed':
      return call.durationSeconds !== undefined
        ? t('call.ended.completed', { duration: callDuration(call.durationSeconds) })
        : t('call.ended.completedShort');
    case 'declined':
    case 'missed':
    case 'cancelled':
    case 'busy':
    case 'failed':
      return t(`call.ended.${call.endReason}`);
    default:
      return t('call.ended.completedShort');
  }
}
