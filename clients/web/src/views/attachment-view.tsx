import { FileText } from 'lucide-react';
import { useAttachmentUrl } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import type { Attachment } from '../lib/model.ts';
import { cn, formatBytes } from '../lib/utils.ts';

/** An image preview (opens full size) or a file chip to download. */
export function AttachmentView({
  attachment: a,
  mine,
  uploaded,
}: {
  attachment: Attachment;
  mine: boolean;
  uploaded: boolean;
}) {
  const url = useAttachmentUrl(a.id, uploaded);
  const { t } = useT();
  if (a.kind === 'image') {
    return (
      <a
        href={url}
        target="_blank"
        rel="noreferrer"
        className="block overflow-hidden rounded-xl focus-visible:ring-2 focus-visible:ring-ring"
        aria-label={a.fileName}
      >
        {url ? (
          <img
            src={url}
            alt={a.fileName}
            className="max-h-72 w-auto max-w-full rounded-xl object-cover"
            loading="lazy"
            data-testid="attachment-image"
          />
        ) : (
          <span className="block h-40 w-56 max-w-full animate-pulse rounded-xl bg-black/10" aria-hidden="true" />
        )}
      </a>
    );
  }
  return (
    <a
      href={url}
      download={a.fileName}
      className={cn(
        'flex items-center gap-2 rounded-lg px-2 py-1.5 text-sm focus-visible:ring-2 focus-visible:ring-ring',
        mine ? 'bg-teal-800/60' : 'bg-background',
      )}
      aria-label={t('chat.download', { name: a.fileName })}
      data-testid="attachment-file"
    >
      <FileText className="size-5 shrink-0" aria-hidden="true" />
      <span className="min-w-0">
        <span className="block truncate font-medium">{a.fileName}</span>
        <span className={cn('text-xs', mine ? 'text-teal-50' : 'text-muted-foreground')}>{formatBytes(a.size)}</span>
      </span>
    </a>
  );
}
