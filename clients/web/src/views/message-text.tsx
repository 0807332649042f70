import { type ReactNode, useId, useMemo, useState } from 'react';
import { useT } from '../lib/i18n.ts';
import { type Block, type Inline, isEmojiOnly, isLongMessage, parseMessage } from '../lib/message-format.ts';
import { cn } from '../lib/utils.ts';

/**
 * A message's text with its links and light formatting, built as React elements from
 * `parseMessage` (never as HTML). 1–3 emoji alone are shown large; a long text folds behind "Show more".
 */
export function MessageText({ text, mine }: { text: string; mine: boolean }) {
  const { t } = useT();
  const blocks = useMemo(() => parseMessage(text), [text]);
  const long = useMemo(() => isLongMessage(text), [text]);
  const [expanded, setExpanded] = useState(false);
  const id = useId();
  if (isEmojiOnly(text)) {
    return (
      <div className="text-4xl leading-tight" data-testid="message-text" data-emoji-only="true">
        {text}
      </div>
    );
  }
  const folded = long && !expanded;
  return (
    <>
      <div
        id={id}
        className={cn(
          'flex flex-col gap-1 break-words',
          folded && 'max-h-[21rem] overflow-hidden [mask-image:linear-gradient(to_bottom,black_75%,transparent)]',
        )}
        data-testid="message-text"
        data-folded={folded ? 'true' : undefined}
      >
        {blocks.map((block, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks are derived from the text and never reordered
          <BlockView key={i} block={block} mine={mine} />
        ))}
      </div>
      {long ? (
        <button
          type="button"
          className={cn(
            'mt-1 self-start text-sm font-medium underline-offset-2 hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none',
            mine ? 'text-teal-50' : 'text-primary',
          )}
          aria-expanded={expanded}
          aria-controls={id}
          onClick={() => setExpanded((e) => !e)}
        >
          {expanded ? t('chat.showLess') : t('chat.showMore')}
        </button>
      ) : null}
    </>
  );
}

function BlockView({ block, mine }: { block: Block; mine: boolean }) {
  if (block.kind === 'code') {
    return (
      <pre
        className={cn(
          'overflow-x-auto rounded-md p-2 font-mono text-[0.8125rem] leading-snug whitespace-pre',
          mine ? 'bg-teal-900/40' : 'bg-black/5',
        )}
      >
        <code>{block.text}</code>
      </pre>
    );
  }
  if (block.kind === 'list') {
    return (
      <ul className="list-disc ps-5">
        {block.items.map((item, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: list items are derived from the text and never reordered
          <li key={i}>{inlines(item, mine)}</li>
        ))}
      </ul>
    );
  }
  return <p className="whitespace-pre-wrap">{inlines(block.content, mine)}</p>;
}

function inlines(nodes: Inline[], mine: boolean): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'link':
        return (
          <a
            // biome-ignore lint/suspicious/noArrayIndexKey: inline runs are derived from the text and never reordered
            key={i}
            href={node.href}
            target="_blank"
            rel="noopener noreferrer"
            className={cn(
              'break-all underline underline-offset-2 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none',
              mine ? 'text-white' : 'text-primary',
            )}
          >
            {node.text}
          </a>
        );
      case 'code':
        return (
          <code
            // biome-ignore lint/suspicious/noArrayIndexKey: inline runs are derived from the text and never reordered
            key={i}
            className={cn('rounded px-1 font-mono text-[0.85em]', mine ? 'bg-teal-900/40' : 'bg-black/5')}
          >
            {node.text}
          </code>
        );
      case 'bold':
        // biome-ignore lint/suspicious/noArrayIndexKey: inline runs are derived from the text and never reordered
        return <strong key={i}>{inlines(node.children, mine)}</strong>;
      default:
        // biome-ignore lint/suspicious/noArrayIndexKey: inline runs are derived from the text and never reordered
        return <em key={i}>{inlines(node.children, mine)}</em>;
    }
  });
}
