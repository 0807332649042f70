import { ChevronLeft, ChevronRight, Download, Loader2 } from 'lucide-react';
import { type KeyboardEvent, useMemo, useState } from 'react';
import { Button } from '../components/ui/button.tsx';
import { Dialog, DialogContent, DialogTitle } from '../components/ui/dialog.tsx';
import { saveFile, useAttachmentLink } from '../lib/attachment-links.ts';
import { useConversations, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import type { Attachment, Message } from '../lib/model.ts';
import { cn } from '../lib/utils.ts';

const NO_MESSAGES: Message[] = [];

/** The images of a conversation's loaded history, oldest first (what the viewer steps through). */
export function conversationImages(messages: Message[]): Attachment[] {
  return messages.flatMap((m) =>
    m.state === 'sent' && !m.deleted ? m.attachments.filter((a) => a.kind === 'image') : [],
  );
}

/**
 * The in-app image viewer: one image of the conversation at a time, ← and → (or the buttons) for the
 * previous and next, Esc to close. The dialog traps focus and gives it back to the image opened.
 */
export function Lightbox({
  conversationId,
  startId,
  onClose,
  returnFocus,
}: {
  conversationId: string;
  startId: string;
  onClose: () => void;
  /** focuses what opened the viewer (it has no Radix trigger to go back to) */
  returnFocus: () => void;
}) {
  const { t } = useT();
  const messages = useConversations((s) => s.timelines[conversationId]?.messages ?? NO_MESSAGES);
  const images = useMemo(() => conversationImages(messages), [messages]);
  const [currentId, setCurrentId] = useState(startId);
  const found = images.findIndex((a) => a.id === currentId);
  const index = found >= 0 ? found : 0;
  const image = images[index];
  const step = (by: number) => {
    const next = images[index + by];
    if (next) setCurrentId(next.id);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowLeft') step(-1);
    else if (e.key === 'ArrowRight') step(1);
    else return;
    e.preventDefault();
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        closeLabel={t('viewer.close')}
        className="flex h-[92dvh] w-[96vw] max-w-6xl flex-col gap-2 border-0 bg-slate-950/95 p-3 pt-12 text-white [&>button:last-child]:text-white"
        onKeyDown={onKeyDown}
        onCloseAutoFocus={(e) => {
          e.preventDefault();
          returnFocus();
        }}
        aria-describedby={undefined}
        data-testid="lightbox"
      >
        <DialogTitle className="absolute top-4 left-4 max-w-[70%] truncate text-sm font-medium">
          {image ? t('viewer.image', { index: index + 1, count: images.length, name: image.fileName }) : ''}
        </DialogTitle>
        <div className="relative flex min-h-0 flex-1 items-center justify-center">
          {image ? <ViewerImage key={image.id} attachment={image} /> : null}
          {images.length > 1 ? (
            <>
              <StepButton side="left" label={t('viewer.previous')} off={index === 0} onClick={() => step(-1)} />
              <StepButton
                side="right"
                label={t('viewer.next')}
                off={index === images.length - 1}
                onClick={() => step(1)}
              />
            </>
          ) : null}
        </div>
      </DialogContent>
    </Dialog>
  );
}

/** Previous or next; at either end it stays (so focus is not lost) but does nothing. */
function StepButton({
  side,
  label,
  off,
  onClick,
}: {
  side: 'left' | 'right';
  label: string;
  off: boolean;
  onClick: () => void;
}) {
  return (
    <Button
      variant="secondary"
      size="icon"
      className={cn(
        'absolute rounded-full bg-white/15 text-white hover:bg-white/25 aria-disabled:opacity-30',
        side === 'left' ? 'left-1' : 'right-1',
      )}
      aria-label={label}
      aria-disabled={off}
      onClick={off ? undefined : onClick}
    >
      {side === 'left' ? <ChevronLeft aria-hidden="true" /> : <ChevronRight aria-hidden="true" />}
    </Button>
  );
}

function ViewerImage({ attachment: a }: { attachment: Attachment }) {
  const { t } = useT();
  const { messaging } = useWorkspace();
  const { url, fresh, failed } = useAttachmentLink(messaging, a.id);
  return (
    <>
      {url ? (
        <img
          src={url}
          alt={a.fileName}
          className="max-h-full max-w-full object-contain"
          data-testid="lightbox-image"
          onError={() => failed(url)}
        />
      ) : (
        <Loader2 className="size-8 animate-spin text-white/70" aria-label={t('viewer.loading')} />
      )}
      <Button
        variant="secondary"
        size="sm"
        className="absolute right-1 bottom-1 bg-white/15 text-white hover:bg-white/25"
        onClick={() =>
          void fresh().then(
            (u) => saveFile(u, a.fileName),
            () => undefined,
          )
        }
      >
        <Download aria-hidden="true" />
        {t('viewer.download')}
      </Button>
    </>
  );
}
