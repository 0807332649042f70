/**
 * Message text as WhatsApp and Slack write it: links, `*bold*`, `_italic_`, `` `code` ``, ``` blocks
 * ``` and `- ` lists, parsed into a small tree the view turns into React elements (never HTML).
 * Pure functions, no DOM.
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'link'; href: string; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'bold'; children: Inline[] }
  | { kind: 'italic'; children: Inline[] };

export type Block =
  /** lines of running text, newlines kept */
  { kind: 'text'; content: Inline[] } | { kind: 'list'; items: Inline[][] } | { kind: 'code'; text: string };

/** Schemes a message may link to; anything else (`javascript:`, `data:`, …) stays plain text. */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** The link target for `raw`, normalised, or undefined when it is not an http(s) or mailto URL. */
export function safeHref(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    return SAFE_SCHEMES.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const FENCE = /```([\s\S]*?)```/g;
const LIST_ITEM = /^\s*- (.*)$/;

/** Splits a message into code blocks, lists and runs of text. */
export function parseMessage(text: string): Block[] {
  const blocks: Block[] = [];
  let last = 0;
  for (const match of text.matchAll(FENCE)) {
    const index = match.index ?? 0;
    pushLines(blocks, text.slice(last, index));
    const body = (match[1] ?? '').replace(/^[^\S\n]*\n/, '').replace(/\n[^\S\n]*$/, '');
    if (body.trim()) blocks.push({ kind: 'code', text: body });
    last = index + match[0].length;
  }
  pushLines(blocks, text.slice(last));
  return blocks;
}

function pushLines(blocks: Block[], chunk: string): void {
  const lines = chunk.replace(/^\n+|\n+$/g, '').split('\n');
  let run: string[] = [];
  let items: string[] = [];
  const flushRun = () => {
    const joined = run.join('\n').replace(/^\n+|\n+$/g, '');
    if (joined.trim()) blocks.push({ kind: 'text', content: parseInline(joined) });
    run = [];
  };
  const flushItems = () => {
    if (items.length) blocks.push({ kind: 'list', items: items.map(parseInline) });
    items = [];
  };
  for (const line of lines) {
    const item = LIST_ITEM.exec(line);
    if (item) {
      flushRun();
      items.push(item[1] ?? '');
    } else {
      flushItems();
      run.push(line);
    }
  }
  flushRun();
  flushItems();
}

interface Rule {
  pattern: RegExp;
  build: (match: RegExpExecArray) => { node: Inline; length: number } | undefined;
}

const RULES: Rule[] = [
  {
    pattern: /`([^`\n]+)`/u,
    build: (m) => ({ node: { kind: 'code', text: m[1] ?? '' }, length: m[0].length }),
  },
  {
    pattern: /\b(?:https?:\/\/|mailto:)[^\s<>"]+/iu,
    build: (m) => {
      const raw = trimUrl(m[0]);
      const href = safeHref(raw);
      return href ? { node: { kind: 'link', href, text: raw }, length: raw.length } : undefined;
    },
  },
  {
    pattern: /(?<![\p{L}\p{N}*])\*(?=\S)([^*\n]*?\S)\*(?![\p{L}\p{N}*])/u,
    build: (m) => ({ node: { kind: 'bold', children: parseInline(m[1] ?? '') }, length: m[0].length }),
  },
  {
    pattern: /(?<![\p{L}\p{N}_])_(?=\S)([^_\n]*?\S)_(?![\p{L}\p{N}_])/u,
    build: (m) => ({ node: { kind: 'italic', children: parseInline(m[1] ?? '') }, length: m[0].length }),
  },
];

/** Links and inline marks in one run of text; the earliest match wins, code spans stay literal. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let rest = text;
  while (rest) {
    let best: { index: number; node: Inline; length: number } | undefined;
    for (const rule of RULES) {
      const match = rule.pattern.exec(rest);
      if (!match || (best && match.index >= best.index)) continue;
      const built = rule.build(match);
      if (built) best = { index: match.index, ...built };
    }
    if (!best) break;
    if (best.index > 0) pushText(out, rest.slice(0, best.index));
    out.push(best.node);
    rest = rest.slice(best.index + best.length);
  }
  if (rest) pushText(out, rest);
  return out;
}

function pushText(out: Inline[], text: string): void {
  const prev = out[out.length - 1];
  if (prev?.kind === 'text') prev.text += text;
  else out.push({ kind: 'text', text });
}

/** Drops the punctuation that ends a sentence after a URL, and a closing bracket it did not open. */
function trimUrl(raw: string): string {
  let url = raw;
  for (;;) {
    const last = url.slice(-1);
    if (/[.,;:!?'"*_]/.test(last)) url = url.slice(0, -1);
    else if (last === ')' && count(url, '(') < count(url, ')')) url = url.slice(0, -1);
    else return url;
  }
}

const count = (s: string, ch: string) => s.split(ch).length - 1;

const EMOJI_GRAPHEME =
  /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Component}|\u200D|\uFE0F|\u20E3)+$/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;

/** 1 to 3 emoji and nothing else (shown large, as WhatsApp does). */
export function isEmojiOnly(text: string): boolean {
  const graphemes = [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)]
    .map((s) => s.segment)
    .filter((g) => g.trim());
  return (
    graphemes.length >= 1 &&
    graphemes.length <= 3 &&
    graphemes.every((g) => EMOJI_GRAPHEME.test(g) && PICTOGRAPHIC.test(g))
  );
}

export const COLLAPSE_LINES = 15;
export const COLLAPSE_CHARS = 1_200;

/** Long enough to show folded, with "Show more". */
export function isLongMessage(text: string): boolean {
  return text.length > COLLAPSE_CHARS || text.split('\n').length > COLLAPSE_LINES;
}

/**
 * A message's words without its marks (`*bold*`, `_italic_`, backticks, fences, `- ` items), on one
 * line: what the chat list's preview and a notification show, as WhatsApp does.
 */
export function plainText(text: string): string {
  const inline = (nodes: Inline[]): string =>
    nodes.map((n) => (n.kind === 'bold' || n.kind === 'italic' ? inline(n.children) : n.text)).join('');
  return parseMessage(text)
    .map((b) => (b.kind === 'text' ? inline(b.content) : b.kind === 'list' ? b.items.map(inline).join(', ') : b.text))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
