import { useEffect, useRef } from 'react';
import { startMessageNotifications } from '../lib/browser-notifications.ts';
import { useConversations, useWorkspace } from '../lib/hooks.ts';
import { localeStore, translator } from '../lib/i18n.ts';
import { partyNumber } from '../lib/model.ts';
import { formatNumber } from '../lib/phone-format.ts';
import { navigate } from '../lib/router.ts';
import { createTitleBadge } from '../lib/title-badge.ts';
import { unreadTotal } from './conversation-list-sections.ts';

/** Every unread message across my conversations, muted ones left out (`unreadTotal`). */
export function useUnreadTotal(): number {
  return useConversations((s) => unreadTotal(s.conversations));
}

/**
 * What tells a person about messages while they look elsewhere: the tab's title and favicon carry
 * the unread count, and new messages notify while the tab is hidden (see browser-notifications.ts).
 */
export function useReadingSignals(): void {
  const { conversations, people, me } = useWorkspace();
  const unread = useUnreadTotal();
  const badgeRef = useRef<ReturnType<typeof createTitleBadge>>(undefined);

  useEffect(() => {
    const t = () => translator(localeStore.get());
    return startMessageNotifications({
      conversations: conversations.state,
      window,
      me: me.id,
      nameOf: (id) => {
        const phone = partyNumber(id); // a text from a phone (ADR 0028): its number
        return phone ? formatNumber(phone) : people.state.get().profiles[id]?.displayName;
      },
      title: (sender, conversation) =>
        conversation.kind === 'group' && conversation.title
          ? t()('reading.inGroup', { name: sender, group: conversation.title })
          : sender,
      attachmentText: () => `📎 ${t()('reading.attachment')}`,
      open: (conversationId) => navigate({ view: 'chats', conversationId }),
    });
  }, [conversations, people, me.id]);

  useEffect(() => {
    const badge = createTitleBadge({ document, title: () => translator(localeStore.get())('app.name') });
    badgeRef.current = badge;
    return () => {
      badge.restore();
      badgeRef.current = undefined;
    };
  }, []);

  useEffect(() => {
    badgeRef.current?.update(unread);
  }, [unread]);
}
