import { describe, expect, it } from 'vitest';
import {
  highlights,
  isSearchable,
  leadPrefix,
  MAX_PREFIXES_PER_MESSAGE,
  matchesAll,
  normalise,
  prefixesOf,
  queryTerms,
  snippet,
  tokens,
} from './search-text.ts';

describe('normalise and tokens', () => {
  it('given accented en/es/de/fr text, then lower case without marks, composed or decomposed alike', () => {
    expect(normalise('Zürich')).toBe('zurich');
    expect(normalise('Zu\u0308rich')).toBe('zurich');
    expect(tokens('¿Mañana en Zúrich? Ça va, Straße, cœur!')).toEqual([
      'manana',
      'en',
      'zurich',
      'ca',
      'va',
      'strasse',
      'coeur',
    ]);
  });

  it('given punctuation, apostrophes and compatibility characters, then words split on them', () => {
    expect(tokens("l'école, don't — ﬁne ½")).toEqual(['l', 'ecole', 'don', 't', 'fine', '1', '2']);
  });
});

describe('prefixesOf', () => {
  it('given a text, then each distinct 3, 5 and 8 character prefix of its words, once', () => {
    expect(prefixesOf('Zürich zurich Zug a')).toEqual(['zur', 'zuric', 'zug']);
    expect(prefixesOf('internationalisation')).toEqual(['int', 'inter', 'internat']);
  });

  it('given 2-letter words, then each is indexed whole, once; a 1-letter word is not indexed', () => {
    expect(prefixesOf('ok, zu Zug ok a')).toEqual(['ok', 'zu', 'zug']);
  });

  it('given a very long text, then at most the cap', () => {
    const text = Array.from({ length: 600 }, (_, i) => `word${i}abcdef`).join(' ');
    expect(prefixesOf(text)).toHaveLength(MAX_PREFIXES_PER_MESSAGE);
  });
});

describe('queries', () => {
  it('given "zur", then it matches Zürich by prefix; every word is required (AND)', () => {
    expect(matchesAll('Meet in Zürich tomorrow', queryTerms('zur'))).toBe(true);
    expect(matchesAll('Meet in Zürich tomorrow', queryTerms('ZUR tomo'))).toBe(true);
    expect(matchesAll('Meet in Zürich tomorrow', queryTerms('zur friday'))).toBe(false);
    // a prefix must begin the word
    expect(matchesAll('Meet in Zürich tomorrow', queryTerms('rich'))).toBe(false);
  });

  it('given a 2-letter word, then it matches only the same 2-letter word, not the words it begins', () => {
    expect(matchesAll('Meet in Zürich', queryTerms('in'))).toBe(true);
    expect(matchesAll('Meet inside Zürich', queryTerms('in'))).toBe(false);
    expect(matchesAll('Meet inside Zürich', queryTerms('zur in'))).toBe(false);
    expect(leadPrefix(queryTerms('ZU'))).toBe('zu');
    expect(prefixesOf('zu Zug')).toContain(leadPrefix(queryTerms('zu')));
    expect(prefixesOf('Zug')).not.toContain(leadPrefix(queryTerms('zu')));
  });

  it('given the query words, then the index is read under the longest one, cut to its longest indexed prefix', () => {
    expect(leadPrefix(queryTerms('a zur tomorrow'))).toBe('tomorrow');
    expect(leadPrefix(queryTerms('Internationalisation'))).toBe('internat');
    // between indexed lengths, the shorter partition: every word the query begins is in it
    expect(leadPrefix(queryTerms('zuri'))).toBe('zur');
    expect(leadPrefix(queryTerms('zurich'))).toBe('zuric');
    expect(prefixesOf('Zürichsee')).toContain(leadPrefix(queryTerms('zurich')));
    expect(leadPrefix(queryTerms('a b'))).toBeUndefined();
    expect(isSearchable('a b')).toBe(false);
    expect(isSearchable('?? zu')).toBe(true);
  });
});

describe('highlights and snippet', () => {
  it('given a hit, then the whole matched words are marked by UTF-16 offsets in the original text', () => {
    const text = '👋 Zürich, then ZUG and zurich again, zu Hause';
    const marks = highlights(text, queryTerms('zur zu'));
    expect(marks.map((m) => text.slice(m.start, m.end))).toEqual(['Zürich', 'zurich', 'zu']);
  });

  it('given a long text, then a window around the first match with the offsets moved into it', () => {
    const text = `${'lorem ipsum '.repeat(40)}the Zürich office ${'dolor sit '.repeat(40)}`;
    const shown = snippet(text, highlights(text, ['zur']));
    expect(shown.text.length).toBeLessThanOrEqual(202);
    expect(shown.text.startsWith('…')).toBe(true);
    expect(shown.text.endsWith('…')).toBe(true);
    expect(shown.highlights).toHaveLength(1);
    const [mark] = shown.highlights;
    expect(shown.text.slice(mark?.start, mark?.end)).toBe('Zürich');
  });

  it('given a short text, then all of it', () => {
    expect(snippet('hi Zürich', [{ start: 3, end: 9 }])).toEqual({
      text: 'hi Zürich',
      highlights: [{ start: 3, end: 9 }],
    });
  });
});
