import { useEffect, useRef, useState } from 'react';
import { usePeople, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import { type Message, partyNumber } from '../lib/model.ts';
import { formatNumber } from '../lib/phone-format.ts';
import { lastLoadedSeq } from '../lib/timeline.ts';

/**
 * A polite live region for the open chat: a screen reader says "Bob: see you at 9" when a message
 * from someone else arrives (never mine, never the history as it loads).
 */
export function IncomingAnnouncer({ conversationId }: { conversationId: string }) {
  const { conversations, me } = useWorkspace();
  const { t } = useT();
  const profiles = usePeople((s) => s.profiles);
  const [said, setSaid] = useState('');
  const seen = useRef<number | undefined>(undefined);
  const [arrived, setArrived] = useState<Message>();

  useEffect(() => {
    seen.current = undefined;
    const check = () => {
      const timeline = conversations.state.get().timelines[conversationId];
      if (!timeline?.loaded) return;
      const newest = lastLoadedSeq(timeline);
      const before = seen.current;
      seen.current = Math.max(before ?? 0, newest);
      if (before === undefined || newest <= before) return;
      const fresh = timeline.messages.filter((m) => m.state === 'sent' && m.seq > before && m.senderId !== me.id);
      const last = fresh[fresh.length - 1];
      if (last) setArrived(last);
    };
    check();
    return conversations.state.subscribe(check);
  }, [conversations, conversationId, me.id]);

  useEffect(() => {
    if (!arrived) return;
    const phone = partyNumber(arrived.senderId); // a text from a phone (ADR 0028): its number
    const name = phone ? formatNumber(phone) : (profiles[arrived.senderId]?.displayName ?? '…');
    const text = arrived.deleted ? t('chat.deleted') : arrived.text || t('reading.attachment');
    setSaid(t('reading.announce', { name, text }));
  }, [arrived, profiles, t]);

  return (
    <div className="sr-only" aria-live="polite" aria-atomic="true" data-testid="incoming-announcer">
      {said}
    </div>
  );
}
