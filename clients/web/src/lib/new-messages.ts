import type { Message } from './model.ts';

/**
 * The "new messages ↓" button's count: messages from others that arrived below while the person
 * was scrolled up, i.e. after `sinceSeq`, the newest seq loaded when they left the bottom.
 */
export function newMessagesBelow(messages: Message[], sinceSeq: number | undefined, me: string): number {
  if (sinceSeq === undefined) return 0;
  let count = 0;
  for (const m of messages) if (m.state === 'sent' && m.seq > sinceSeq && m.senderId !== me) count++;
  return count;
}
