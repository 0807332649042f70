import { describe, expect, it } from 'vitest';
import { memoryWorld } from '../../test/memory.ts';
import { cleanFileName, createAttachmentUpload, getAttachmentDownload } from './attachments.ts';
import { createConversation } from './conversations.ts';
import { AttachmentNotFound, AttachmentTooLarge, ConversationNotFound, UnsupportedContentType } from './errors.ts';

async function chat() {
  const world = memoryWorld();
  const { conversation } = await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] });
  return { world, id: conversation.id };
}

describe('attachments', () => {
  it('gives a member an upload URL, and any member a download URL', async () => {
    const { world, id } = await chat();
    const upload = await createAttachmentUpload(world.deps, {
      callerId: 'ana',
      conversationId: id,
      fileName: 'Plan.PDF',
      contentType: 'Application/PDF',
      size: 1234,
    });
    expect(upload).toMatchObject({
      uploadHeaders: { 'content-type': 'application/pdf' },
      attachment: { fileName: 'Plan.PDF', contentType: 'application/pdf', size: 1234, kind: 'file' },
      expiresAt: '2026-03-01T09:15:00.000Z',
    });
    expect(upload.uploadUrl).toContain(`conversations/${id}/${upload.attachmentId}`);
    const download = await getAttachmentDownload(world.deps, { callerId: 'bo', attachmentId: upload.attachmentId });
    expect(download).toMatchObject({ attachmentId: upload.attachmentId, fileName: 'Plan.PDF', size: 1234 });
    expect(download.downloadUrl).toContain('?get');
  });

  it('marks images as images', async () => {
    const { world, id } = await chat();
    const upload = await createAttachmentUpload(world.deps, {
      callerId: 'bo',
      conversationId: id,
      fileName: 'me.webp',
      contentType: 'image/webp',
      size: 10,
    });
    expect(upload.attachment.kind).toBe('image');
  });

  it('refuses outsiders both ways, without telling them whether the attachment exists', async () => {
    const { world, id } = await chat();
    await expect(
      createAttachmentUpload(world.deps, {
        callerId: 'eve',
        conversationId: id,
        fileName: 'x.png',
        contentType: 'image/png',
        size: 1,
      }),
    ).rejects.toBeInstanceOf(ConversationNotFound);
    const { attachmentId } = await createAttachmentUpload(world.deps, {
      callerId: 'ana',
      conversationId: id,
      fileName: 'x.png',
      contentType: 'image/png',
      size: 1,
    });
    await expect(getAttachmentDownload(world.deps, { callerId: 'eve', attachmentId })).rejects.toBeInstanceOf(
      AttachmentNotFound,
    );
    await expect(getAttachmentDownload(world.deps, { callerId: 'ana', attachmentId: 'nope' })).rejects.toBeInstanceOf(
      AttachmentNotFound,
    );
  });

  it('refuses unlisted content types and files over 25 MB, storing nothing', async () => {
    const { world, id } = await chat();
    for (const contentType of ['text/html', 'image/svg+xml', 'application/x-msdownload', 'application/javascript']) {
      await expect(
        createAttachmentUpload(world.deps, {
          callerId: 'ana',
          conversationId: id,
          fileName: 'f',
          contentType,
          size: 1,
        }),
      ).rejects.toBeInstanceOf(UnsupportedContentType);
    }
    await expect(
      createAttachmentUpload(world.deps, {
        callerId: 'ana',
        conversationId: id,
        fileName: 'film.mp4',
        contentType: 'video/mp4',
        size: 25 * 1024 * 1024 + 1,
      }),
    ).rejects.toBeInstanceOf(AttachmentTooLarge);
    expect(world.stored.attachmentsById.size).toBe(0);
  });

  it('keeps file names to a plain name', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\ana\\report "final".docx')).toBe('report final.docx');
    expect(cleanFileName('a\u0000b\nc.txt')).toBe('abc.txt');
    expect(cleanFileName('/')).toBe('file');
  });
});
