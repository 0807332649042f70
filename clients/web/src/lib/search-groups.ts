import type { SearchHighlight, SearchHit } from './search-api.ts';

export interface SearchGroup {
  conversationId: string;
  hits: SearchHit[];
}

/** Hits grouped by conversation, the groups in the order of their newest hit (hits stay newest first). */
export function groupByConversation(hits: readonly SearchHit[]): SearchGroup[] {
  const groups = new Map<string, SearchGroup>();
  for (const hit of hits) {
    const group = groups.get(hit.conversationId) ?? { conversationId: hit.conversationId, hits: [] };
    group.hits.push(hit);
    groups.set(hit.conversationId, group);
  }
  return [...groups.values()];
}

/** A hit's text cut into plain and marked pieces (overlapping or out-of-order marks are merged). */
export function highlightPieces(
  text: string,
  marks: readonly SearchHighlight[],
): { text: string; marked: boolean; start: number }[] {
  const sorted = [...marks].sort((a, b) => a.start - b.start);
  const pieces: { text: string; marked: boolean; start: number }[] = [];
  let at = 0;
  for (const { start, end } of sorted) {
    const from = Math.max(start, at);
    if (end <= from) continue;
    if (from > at) pieces.push({ text: text.slice(at, from), marked: false, start: at });
    pieces.push({ text: text.slice(from, end), marked: true, start: from });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), marked: false, start: at });
  return pieces;
}
