import { describe, expect, it } from 'vitest';
import type { Conversation, Message } from './model.ts';
import { newMessagesBelow } from './new-messages.ts';
import { captureReadMark, unreadDivider } from './unread-divider.ts';

const message = (seq: number, senderId: string, state: Message['state'] = 'sent'): Message => ({
  id: `m${seq}`,
  conversationId: 'c1',
  seq,
  senderId,
  sentAt: '2026-12-01T10:00:00.000Z',
  attachments: [],
  text: `message ${seq}`,
  deleted: false,
  reactions: [],
  state,
});

const conversation = (unreadCount: number, readSeqs: Record<string, number>): Conversation => ({
  id: 'c1',
  kind: 'direct',
  memberIds: ['ada', 'bob'],
  lastSeq: 9,
  unreadCount,
  readSeqs,
  activityAt: '2026-12-01T10:00:00.000Z',
});

describe('the unread divider', () => {
  it('goes above the first message from others after my read marker, with the unread count', () => {
    // Given Ada read up to 4; then Ada wrote 5, Bob 6 to 8 (unread: 3)
    const history = [1, 2, 3, 4].map((s) => message(s, 'bob'));
    const messages = [...history, message(5, 'ada'), message(6, 'bob'), message(7, 'bob'), message(8, 'bob')];
    const mark = captureReadMark(conversation(3, { ada: 4, bob: 8 }), 'ada');

    // Then the line sits above 6 and says 3
    expect(unreadDivider(messages, mark, 'ada')).toEqual({ messageId: 'm6', count: 3 });
  });

  it('is absent when nothing was unread, and ignores my own and unsent messages', () => {
    const messages = [message(1, 'bob'), message(2, 'ada'), message(0, 'ada', 'pending')];
    expect(captureReadMark(conversation(0, { ada: 1 }), 'ada')).toBeUndefined();
    expect(unreadDivider(messages, undefined, 'ada')).toBeUndefined();
    // a mark whose unread messages are all mine (sent from another device meanwhile) shows no line
    expect(unreadDivider(messages, { readSeq: 1, unreadCount: 1 }, 'ada')).toBeUndefined();
  });

  it('without a read marker, counts back the unread messages from others', () => {
    const messages = [message(1, 'bob'), message(2, 'bob'), message(3, 'ada'), message(4, 'bob')];
    expect(unreadDivider(messages, { unreadCount: 2 }, 'ada')).toEqual({ messageId: 'm2', count: 2 });
  });

  it('with more unread than loaded, sits above the oldest loaded one and says the full count', () => {
    // Given 80 unread, of which the newest page (31..80) is loaded
    const messages = Array.from({ length: 50 }, (_, i) => message(i + 31, 'bob'));
    expect(unreadDivider(messages, { readSeq: 0, unreadCount: 80 }, 'ada')).toEqual({ messageId: 'm31', count: 80 });
  });
});

describe('the new-messages count', () => {
  it('counts messages from others that arrived after I scrolled up', () => {
    const messages = [message(1, 'bob'), message(2, 'bob'), message(3, 'ada'), message(4, 'bob'), message(5, 'bob')];
    expect(newMessagesBelow(messages, 2, 'ada')).toBe(2);
    expect(newMessagesBelow(messages, 5, 'ada')).toBe(0);
    // at the bottom: no count
    expect(newMessagesBelow(messages, undefined, 'ada')).toBe(0);
  });
});
