import { describe, expect, it } from 'vitest';
import type { SearchHit } from './search-api.ts';
import { groupByConversation, highlightPieces } from './search-groups.ts';

const hit = (conversationId: string, seq: number): SearchHit => ({
  conversationId,
  messageId: `m${seq}`,
  seq,
  senderId: 'u1',
  sentAt: '2026-11-20T09:00:00.000Z',
  text: 't',
  highlights: [],
});

describe('search groups', () => {
  it('groups hits by conversation in the order of each one’s newest hit', () => {
    const groups = groupByConversation([hit('a', 9), hit('b', 8), hit('a', 7)]);
    expect(groups.map((g) => [g.conversationId, g.hits.map((h) => h.seq)])).toEqual([
      ['a', [9, 7]],
      ['b', [8]],
    ]);
  });

  it('cuts a text into plain and marked pieces, merging overlapping marks', () => {
    expect(
      highlightPieces('Grüße aus Zürich', [
        { start: 10, end: 16 },
        { start: 0, end: 5 },
        { start: 3, end: 5 },
      ]),
    ).toEqual([
      { text: 'Grüße', marked: true, start: 0 },
      { text: ' aus ', marked: false, start: 5 },
      { text: 'Zürich', marked: true, start: 10 },
    ]);
  });
});
