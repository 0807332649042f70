/**
 * Text rules of message search (ADR 0019): one normaliser and one tokenizer, used both when a
 * message is indexed and when a query is matched, so the two can never disagree.
 */

/**
 * The prefix lengths the index stores for each word of 3 characters or more (one item each): 3, 5 and
 * 8 characters, not every length from 2 to 10. A 2-letter word is indexed whole (its 2 characters as
 * one entry), and no 2-letter prefix of a longer word is: a query word of 2 letters finds only the
 * 2-letter word equal to it ("ok", "zu"), not the words it begins. A query word of 3 or more is looked
 * up by its longest indexed prefix (a 4-letter word by its first 3, a 6- or 7-letter one by its first
 * 5, a longer one by its first 8), and the messages that partition proposes are checked against the
 * whole word: 22 entries a message on the cost model's sample instead of 32 (docs/cost.md; ADR 0019).
 */
export const PREFIX_LENGTHS: readonly number[] = [3, 5, 8];
/** The shortest word indexed, and the shortest query word that can use the index: indexed whole. */
export const MIN_PREFIX = 2;
/** A longer query word is looked up by its first this many characters. */
export const MAX_PREFIX = 8;
/**
 * Distinct prefixes one message writes at most (one index item each): a 4,000-character message
 * would otherwise cost ~2,000 writes. Words past the cap in a very long message are not found.
 */
export const MAX_PREFIXES_PER_MESSAGE = 400;
/** Characters of a hit's text shown around its first matched word. */
export const SNIPPET_LENGTH = 200;

/** Letters that NFKD does not split but people type without their mark (de, fr, and neighbours). */
const FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ı: 'i' };
const FOLDABLE = new RegExp(`[${Object.keys(FOLDS).join('')}]`, 'g');
const MARKS = /\p{M}/gu;
/** A word: letters and digits, with the combining marks of decomposed accents inside it. */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

/** NFKD, combining marks removed, lower case, and a few folds: "Zürich" → "zurich", "Straße" → "strasse". */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(FOLDABLE, (c) => FOLDS[c] ?? c);
}

/** The normalised words of a text, in order (duplicates kept). */
export function tokens(text: string): string[] {
  return normalise(text).match(WORD) ?? [];
}

/** Words shorter than the shortest prefix length are indexed, and matched, whole. */
const WHOLE_BELOW = PREFIX_LENGTHS[0] ?? MIN_PREFIX;

/** The longest indexed prefix length a word of `length` characters has (0: none). */
function indexedLength(length: number): number {
  if (length < WHOLE_BELOW) return length >= MIN_PREFIX ? length : 0;
  let best = 0;
  for (const n of PREFIX_LENGTHS) if (n <= length) best = n;
  return best;
}

/** The distinct prefixes (PREFIX_LENGTHS) of a text's words: what the index stores for it, capped. */
export function prefixesOf(text: string): string[] {
  const found = new Set<string>();
  for (const token of new Set(tokens(text))) {
    const chars = Array.from(token);
    const lengths = chars.length < WHOLE_BELOW ? [indexedLength(chars.length)] : PREFIX_LENGTHS;
    for (const n of lengths) {
      if (n === 0 || n > chars.length) break;
      found.add(chars.slice(0, n).join(''));
      if (found.size >= MAX_PREFIXES_PER_MESSAGE) return [...found];
    }
  }
  return [...found];
}

/** A query's distinct normalised words; every one must begin a word of a hit (AND). */
export function queryTerms(q: string): string[] {
  return [...new Set(tokens(q))];
}

/** Whether the query can use the index: it needs one word of at least two characters. */
export function isSearchable(q: string): boolean {
  return queryTerms(q).some((t) => Array.from(t).length >= MIN_PREFIX);
}

/**
 * The index partition a query reads: its longest word's longest indexed prefix (the most selective
 * guess; PREFIX_LENGTHS), or that word itself when it has 2 characters. undefined when no word has two.
 */
export function leadPrefix(terms: readonly string[]): string | undefined {
  let best: string[] | undefined;
  for (const t of terms) {
    const chars = Array.from(t);
    if (chars.length >= MIN_PREFIX && (!best || chars.length > best.length)) best = chars;
  }
  return best?.slice(0, indexedLength(best.length)).join('');
}

/**
 * Whether a query term matches a word: a term of 3 characters or more begins it; a shorter one is
 * the whole word, as the index stores it (a 2-letter term finds "ok", not "okay").
 */
function termMatches(word: string, term: string): boolean {
  return Array.from(term).length < WHOLE_BELOW ? word === term : word.startsWith(term);
}

/** Whether every term matches some word of `text` (`termMatches`): the truth a hit is checked against. */
export function matchesAll(text: string, terms: readonly string[]): boolean {
  const words = new Set(tokens(text));
  return terms.every((term) => [...words].some((w) => termMatches(w, term)));
}

export interface Highlight {
  /** UTF-16 offsets into the hit's `text`, `end` exclusive */
  start: number;
  end: number;
}

/** The words of `text` (in its original spelling) that a term matches (`termMatches`), as offsets. */
export function highlights(text: string, terms: readonly string[]): Highlight[] {
  const found: Highlight[] = [];
  for (const match of text.matchAll(WORD)) {
    if (tokens(match[0]).some((w) => terms.some((t) => termMatches(w, t)))) {
      found.push({ start: match.index, end: match.index + match[0].length });
    }
  }
  return found;
}

/**
 * What a hit shows: the whole text when short, else a window of about `SNIPPET_LENGTH`
 * characters that starts a little before the first matched word, cut at spaces, with "…" where it
 * was cut; the highlights are moved to the snippet's offsets.
 */
export function snippet(text: string, marks: readonly Highlight[]): { text: string; highlights: Highlight[] } {
  if (text.length <= SNIPPET_LENGTH) return { text, highlights: [...marks] };
  const first = marks[0]?.start ?? 0;
  let start = Math.max(0, first - 60);
  if (start > 0) {
    const space = text.lastIndexOf(' ', start);
    start = space >= 0 && first - space <= 80 ? space + 1 : start;
  }
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > first) end = space;
  }
  // never cut a surrogate pair in two
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start++;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end++;
  const head = start > 0 ? '…' : '';
  const tail = end < text.length ? '…' : '';
  const shifted = marks
    .filter((m) => m.start >= start && m.end <= end)
    .map((m) => ({ start: m.start - start + head.length, end: m.end - start + head.length }));
  return { text: `${head}${text.slice(start, end)}${tail}`, highlights: shifted };
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
