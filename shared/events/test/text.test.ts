import { describe, expect, it } from 'vitest';
import { hasVisibleCharacter, lineText, multilineText, nameText, TEXT_PROBLEMS, textProblem } from '../src/text.ts';

const issues = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? [] : (result.error?.issues.map((i) => i.message) ?? []);

describe('the shared text rule', () => {
  it('accepts ordinary text in any script, with emoji, ZWJ sequences and marks', () => {
    for (const value of ['Ana Núñez', '李小龍', 'Zoë 👩‍💻', 'שלום', 'résumé.pdf', 'नमस्ते', '🇨🇭']) {
      expect(textProblem(value, { visible: true }), value).toBeUndefined();
    }
  });

  it('refuses NUL, ESC, DEL and C1 controls on one line and in a message body', () => {
    for (const value of ['a\u0000b', 'a\u001b[31mb', 'a\u007fb', 'a\u0085b', 'a\rb', 'a\u000bb']) {
      expect(textProblem(value), JSON.stringify(value)).toBe('control');
      expect(textProblem(value, { multiline: true }), JSON.stringify(value)).toBe('control');
    }
  });

  it('lets a message body keep new lines and tabs, and nothing else that is a control', () => {
    expect(textProblem('line one\nline two\tand a tab', { multiline: true })).toBeUndefined();
    expect(textProblem('line one\nline two')).toBe('control');
    expect(textProblem('a\tb')).toBe('control');
  });

  it('refuses every BiDi embedding, override and isolate control', () => {
    const controls = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
    for (const c of controls) {
      expect(textProblem(`admin${c}gnp.exe`), c.codePointAt(0)?.toString(16)).toBe('bidi');
      expect(textProblem(`hi ${c}there`, { multiline: true })).toBe('bidi');
    }
    // the implicit marks (LRM, RLM) reorder nothing and stay allowed
    expect(textProblem('a\u200eb\u200f')).toBeUndefined();
  });

  it('refuses lone surrogates (text that is not Unicode)', () => {
    expect(textProblem('a\ud800b')).toBe('malformed');
    expect(textProblem('a\udc00')).toBe('malformed');
    expect(textProblem('😀')).toBeUndefined();
  });

  it('finds no visible character in blanks, zero-width characters, fillers or lone marks', () => {
    for (const value of [
      '',
      '   ',
      '\u200b',
      '\u200b\u200c\u200d\u2060\ufeff',
      '\u3164',
      '\u2800',
      '\u0301',
      '\u00ad',
    ]) {
      expect(hasVisibleCharacter(value), JSON.stringify(value)).toBe(false);
      expect(textProblem(value, { visible: true })).toBe('invisible');
    }
    expect(hasVisibleCharacter('\u200bx')).toBe(true);
    expect(textProblem('\u200b')).toBeUndefined();
  });

  it('nameText trims, needs a visible character and says why it refuses', () => {
    const Name = nameText(10);
    expect(Name.parse('  Ana  ')).toBe('Ana');
    expect(issues(Name.safeParse('\u200b\u200b'))).toEqual([TEXT_PROBLEMS.invisible]);
    expect(issues(Name.safeParse('admin\u202egnp'))).toEqual([TEXT_PROBLEMS.bidi]);
    expect(issues(Name.safeParse('a\u0000'))).toEqual([TEXT_PROBLEMS.control]);
    expect(issues(Name.safeParse('  '))).toEqual(['must not be empty']);
    expect(issues(Name.safeParse('x'.repeat(11)))).toEqual(['must have at most 10 characters']);
  });

  it('lineText may be empty; multilineText keeps its new lines untrimmed', () => {
    expect(lineText(5).parse('  ')).toBe('');
    expect(issues(lineText(5).safeParse('a\nb'))).toEqual([TEXT_PROBLEMS.control]);
    expect(multilineText(20).parse(' a\nb\t ')).toBe(' a\nb\t ');
    expect(issues(multilineText(20).safeParse('a\u0007'))).toEqual([TEXT_PROBLEMS.control]);
  });
});
