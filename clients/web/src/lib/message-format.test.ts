import { describe, expect, it } from 'vitest';
import { isEmojiOnly, isLongMessage, parseInline, parseMessage, plainText, safeHref } from './message-format.ts';

describe('message formatting', () => {
  it('links http, https and mailto URLs, without the sentence’s punctuation', () => {
    // Given a text with URLs, when parsed, then each becomes a link and the rest stays text
    expect(
      parseInline('See https://parley.example/a_b?x=1, or (http://x.test/path). Mail mailto:ada@example.com!'),
    ).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', href: 'https://parley.example/a_b?x=1', text: 'https://parley.example/a_b?x=1' },
      { kind: 'text', text: ', or (' },
      { kind: 'link', href: 'http://x.test/path', text: 'http://x.test/path' },
      { kind: 'text', text: '). Mail ' },
      { kind: 'link', href: 'mailto:ada@example.com', text: 'mailto:ada@example.com' },
      { kind: 'text', text: '!' },
    ]);
    expect(parseInline('https://en.wikipedia.org/wiki/Panama_(disambiguation)')[0]).toMatchObject({
      kind: 'link',
      text: 'https://en.wikipedia.org/wiki/Panama_(disambiguation)',
    });
  });

  it('never links javascript: or data: URLs', () => {
    // Given dangerous schemes, then they stay plain text and safeHref refuses them
    expect(parseInline('javascript:alert(1) data:text/html,<script>x</script>')).toEqual([
      { kind: 'text', text: 'javascript:alert(1) data:text/html,<script>x</script>' },
    ]);
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,hi')).toBeUndefined();
    expect(safeHref('HTTPS://Parley.Example')).toBe('https://parley.example/');
  });

  it('reads *bold*, _italic_ and `code`, and leaves snake_case and 2*3*4 alone', () => {
    expect(parseInline('*Hola* _amigo_ `npm start` snake_case_name 2*3*4')).toEqual([
      { kind: 'bold', children: [{ kind: 'text', text: 'Hola' }] },
      { kind: 'text', text: ' ' },
      { kind: 'italic', children: [{ kind: 'text', text: 'amigo' }] },
      { kind: 'text', text: ' ' },
      { kind: 'code', text: 'npm start' },
      { kind: 'text', text: ' snake_case_name 2*3*4' },
    ]);
    // And marks nest, while code stays literal
    expect(parseInline('*see _this_*')).toEqual([
      {
        kind: 'bold',
        children: [
          { kind: 'text', text: 'see ' },
          { kind: 'italic', children: [{ kind: 'text', text: 'this' }] },
        ],
      },
    ]);
    expect(parseInline('`*not bold*`')).toEqual([{ kind: 'code', text: '*not bold*' }]);
  });

  it('splits code blocks and - lists from the running text', () => {
    const blocks = parseMessage('Steps:\n- one\n- *two*\nthen\n```\nconst a = 1;\n  b()\n```\nDone');
    expect(blocks).toEqual([
      { kind: 'text', content: [{ kind: 'text', text: 'Steps:' }] },
      {
        kind: 'list',
        items: [[{ kind: 'text', text: 'one' }], [{ kind: 'bold', children: [{ kind: 'text', text: 'two' }] }]],
      },
      { kind: 'text', content: [{ kind: 'text', text: 'then' }] },
      { kind: 'code', text: 'const a = 1;\n  b()' },
      { kind: 'text', content: [{ kind: 'text', text: 'Done' }] },
    ]);
    // An unclosed fence is just text
    expect(parseMessage('```oops')).toEqual([{ kind: 'text', content: [{ kind: 'text', text: '```oops' }] }]);
  });

  it('knows 1–3 emoji alone, and a long text', () => {
    expect(isEmojiOnly('🎉')).toBe(true);
    expect(isEmojiOnly('👍🏽 ❤️ 🇵🇦')).toBe(true);
    expect(isEmojiOnly('👨‍👩‍👧')).toBe(true);
    expect(isEmojiOnly('🎉🎉🎉🎉')).toBe(false);
    expect(isEmojiOnly('ok 👍')).toBe(false);
    expect(isEmojiOnly('123')).toBe(false);
    expect(isLongMessage('a\n'.repeat(16))).toBe(true);
    expect(isLongMessage('a'.repeat(1201))).toBe(true);
    expect(isLongMessage('a\n'.repeat(10))).toBe(false);
  });

  it('gives a message’s words without its marks, on one line (previews and notifications)', () => {
    expect(plainText('_Before we start_:\n- coffee\n- *slides*\n```\nnpm run demo\n```')).toBe(
      'Before we start: coffee, slides npm run demo',
    );
    expect(plainText('see https://parley.example/a_b_c and `x_y`')).toBe('see https://parley.example/a_b_c and x_y');
    // what is no mark stays: snake_case, 2*3*4, an unclosed _
    expect(plainText('snake_case is 2*3*4 _unclosed')).toBe('snake_case is 2*3*4 _unclosed');
    expect(plainText('')).toBe('');
  });
});
