import { Download, Loader2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button } from '../components/ui/button.tsx';
import { Dialog, DialogContent, DialogTitle } from '../components/ui/dialog.tsx';
import { attachmentLinks, saveFile } from '../lib/attachment-links.ts';
import { useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import type { Attachment } from '../lib/model.ts';

export const isPdf = (a: Attachment) => a.contentType === 'application/pdf';

/**
 * A PDF shown in the page. Storage serves files as downloads (`Content-Disposition: attachment`), so
 * the viewer reads the bytes through a fresh link and shows them from a `blob:` URL typed as a PDF.
 */
export function PdfViewer({
  attachment: a,
  onClose,
  returnFocus,
}: {
  attachment: Attachment;
  onClose: () => void;
  /** focuses what opened the viewer (it has no Radix trigger to go back to) */
  returnFocus: () => void;
}) {
  const { t } = useT();
  const { messaging } = useWorkspace();
  const [shown, setShown] = useState<{ blobUrl?: string; failed?: boolean }>({});

  useEffect(() => {
    let live = true;
    let blobUrl: string | undefined;
    attachmentLinks(messaging)
      .get(a.id)
      .then((link) => fetch(link.url))
      .then((res) => {
        if (!res.ok) throw new Error(`download ${res.status}`);
        return res.arrayBuffer();
      })
      .then((bytes) => {
        if (!live) return;
        blobUrl = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
        setShown({ blobUrl });
      })
      .catch(() => live && setShown({ failed: true }));
    return () => {
      live = false;
      if (blobUrl) URL.revokeObjectURL(blobUrl);
    };
  }, [messaging, a.id]);

  const download = () =>
    void attachmentLinks(messaging)
      .get(a.id)
      .then(
        (link) => saveFile(link.url, a.fileName),
        () => setShown((s) => ({ ...s, failed: true })),
      );

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        closeLabel={t('viewer.close')}
        className="flex h-[92dvh] w-[96vw] max-w-5xl flex-col gap-3 p-3 pt-4"
        aria-describedby={undefined}
        data-testid="pdf-viewer"
        onCloseAutoFocus={(e) => {
          e.preventDefault();
          returnFocus();
        }}
      >
        <div className="flex items-center gap-2 pr-8">
          <DialogTitle className="min-w-0 flex-1 truncate text-base">{a.fileName}</DialogTitle>
          <Button size="sm" variant="outline" onClick={download}>
            <Download aria-hidden="true" />
            {t('viewer.download')}
          </Button>
        </div>
        {shown.blobUrl ? (
          <iframe src={shown.blobUrl} title={a.fileName} className="min-h-0 w-full flex-1 rounded-md border" />
        ) : shown.failed ? (
          <p className="m-auto text-sm text-muted-foreground" role="alert">
            {t('chat.linkFailed')}
          </p>
        ) : (
          <Loader2 className="m-auto size-8 animate-spin text-muted-foreground" aria-label={t('viewer.loading')} />
        )}
      </DialogContent>
    </Dialog>
  );
}
