import { FileText } from 'lucide-react';
import { useRef, useState } from 'react';
import { saveFile, useAttachmentLink } from '../lib/attachment-links.ts';
import { useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import type { Attachment } from '../lib/model.ts';
import { cn, formatBytes } from '../lib/utils.ts';
import { Lightbox } from './lightbox.tsx';
import { isPdf, PdfViewer } from './pdf-viewer.tsx';

/**
 * An image preview in a box of fixed shape (the list does not jump as it loads) that opens the
 * viewer, a PDF that opens in the page, or a file chip to download. Links are asked for fresh when
 * used and kept fresh while shown, so none is ever expired.
 */
export function AttachmentView({
  attachment: a,
  conversationId,
  mine,
  uploaded,
}: {
  attachment: Attachment;
  conversationId: string;
  mine: boolean;
  uploaded: boolean;
}) {
  const { messaging } = useWorkspace();
  const { url, fresh, failed } = useAttachmentLink(messaging, a.id, uploaded && a.kind === 'image');
  const [viewing, setViewing] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const returnFocus = () => opener.current?.focus();
  const { t } = useT();
  if (a.kind === 'image') {
    return (
      <>
        <button
          ref={opener}
          type="button"
          className="block w-64 max-w-full overflow-hidden rounded-xl focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:outline-none"
          aria-label={t('chat.open', { name: a.fileName })}
          disabled={!uploaded}
          onClick={() => setViewing(true)}
          data-testid="attachment-open"
        >
          <span className="block aspect-[4/3] w-full bg-black/10" data-testid="attachment-box">
            {url ? (
              <img
                src={url}
                alt={a.fileName}
                className="size-full object-cover"
                loading="lazy"
                data-testid="attachment-image"
                onError={() => failed(url)}
              />
            ) : (
              <span className="block size-full animate-pulse" aria-hidden="true" />
            )}
          </span>
        </button>
        {viewing ? (
          <Lightbox
            conversationId={conversationId}
            startId={a.id}
            onClose={() => setViewing(false)}
            returnFocus={returnFocus}
          />
        ) : null}
      </>
    );
  }
  const pdf = isPdf(a);
  const open = () => {
    if (!uploaded) return;
    if (pdf) setViewing(true);
    else
      void fresh().then(
        (u) => saveFile(u, a.fileName),
        () => undefined,
      );
  };
  return (
    <>
      <button
        ref={opener}
        type="button"
        onClick={open}
        className={cn(
          'flex items-center gap-2 rounded-lg px-2 py-1.5 text-left text-sm focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none',
          mine ? 'bg-teal-800/60' : 'bg-background',
        )}
        // the name holds every word shown, the file's name and size (WCAG 2.5.3; the space between the two spans
        // keeps them two words for axe's label-content-name-mismatch)
        aria-label={`${pdf ? t('chat.open', { name: a.fileName }) : t('chat.download', { name: a.fileName })} ${formatBytes(a.size)}`}
        data-testid="attachment-file"
      >
        <FileText className="size-5 shrink-0" aria-hidden="true" />
        <span className="min-w-0">
          <span className="block truncate font-medium">{a.fileName}</span>{' '}
          <span className={cn('text-xs', mine ? 'text-teal-50' : 'text-muted-foreground')}>{formatBytes(a.size)}</span>
        </span>
      </button>
      {viewing ? <PdfViewer attachment={a} onClose={() => setViewing(false)} returnFocus={returnFocus} /> : null}
    </>
  );
}
