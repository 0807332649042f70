import { useEffect } from 'react';
import { usePeople, useWorkspace } from '../lib/hooks.ts';
import { type Conversation, isTextKind } from '../lib/model.ts';
import { formatNumber } from '../lib/phone-format.ts';

/** What a conversation is called: the other person's name, the phone number texted, or the group's title or members. */
export function useConversationTitle(conversation: Conversation | undefined): { title: string; otherId?: string } {
  const { me, people } = useWorkspace();
  const profiles = usePeople((s) => s.profiles);
  const memberIds = conversation?.memberIds;
  useEffect(() => {
    if (memberIds) void people.ensureProfiles(memberIds);
  }, [people, memberIds]);
  if (!conversation) return { title: '' };
  // a text conversation: the phone number, as its country writes it
  if (isTextKind(conversation.kind))
    return { title: conversation.party ? formatNumber(conversation.party.phoneNumber) : '…' };
  const others = conversation.memberIds.filter((id) => id !== me.id);
  if (conversation.kind === 'direct') {
    const otherId = others[0] ?? me.id;
    return { title: profiles[otherId]?.displayName ?? '…', otherId };
  }
  if (conversation.title) return { title: conversation.title };
  const names = others.slice(0, 3).map((id) => profiles[id]?.displayName?.split(' ')[0] ?? '…');
  return { title: names.join(', ') + (others.length > 3 ? ` +${others.length - 3}` : '') };
}
