import { describe, expect, it } from 'vitest';
import { memoryWorld } from '../../test/memory.ts';
import { sweepAttachments } from './attachment-sweep.ts';
import { cleanFileName, createAttachmentUpload, getAttachmentDownload, SLOT_LIFETIME_HOURS } from './attachments.ts';
import { createConversation } from './conversations.ts';
import {
  AttachmentNotFound,
  AttachmentTooLarge,
  ConversationNotFound,
  InvalidAttachment,
  UnsupportedContentType,
} from './errors.ts';
import { deleteMessage } from './message-changes.ts';
import { sendMessage } from './send-message.ts';

/** SHA-256 of "test", base64 */
const SUM = 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=';
const OTHER_SUM = 'LCa0a2j/xo/5m0U8HTBBNBNCLXBkg7+g+YpeiGJm564=';

async function chat() {
  const world = memoryWorld();
  const { conversation } = await createConversation(world.deps, { callerId: 'ana', memberIds: ['bo'] });
  return { world, id: conversation.id };
}

async function slot(world: ReturnType<typeof memoryWorld>, id: string, size = 5) {
  return createAttachmentUpload(world.deps, {
    callerId: 'ana',
    conversationId: id,
    fileName: 'plan.pdf',
    contentType: 'application/pdf',
    size,
    checksumSha256: SUM,
  });
}

const sendWith = (world: ReturnType<typeof memoryWorld>, id: string, attachmentId: string, clientMessageId = 'k1') =>
  sendMessage(world.deps, { senderId: 'ana', conversationId: id, clientMessageId, attachmentIds: [attachmentId] });

describe('attachments', () => {
  it('gives a member an upload URL for 5 minutes bound to the checksum, and members a download once it is sent', async () => {
    const { world, id } = await chat();
    const upload = await createAttachmentUpload(world.deps, {
      callerId: 'ana',
      conversationId: id,
      fileName: 'Plan.PDF',
      contentType: 'Application/PDF',
      size: 1234,
      checksumSha256: SUM,
    });
    expect(upload).toMatchObject({
      uploadHeaders: { 'content-type': 'application/pdf', 'x-amz-checksum-sha256': SUM },
      attachment: { fileName: 'Plan.PDF', contentType: 'application/pdf', size: 1234, kind: 'file' },
      expiresAt: '2026-03-01T09:05:00.000Z',
    });
    expect(upload.uploadUrl).toContain(`uploads/${id}/${upload.attachmentId}`);
    expect(upload.uploadUrl).toContain('exp=300');
    // not sent yet: nothing to download (the upload itself is never served)
    await expect(
      getAttachmentDownload(world.deps, { callerId: 'bo', attachmentId: upload.attachmentId }),
    ).rejects.toBeInstanceOf(AttachmentNotFound);
    world.upload(`uploads/${id}/${upload.attachmentId}`, 1234);
    await sendWith(world, id, upload.attachmentId);
    const download = await getAttachmentDownload(world.deps, { callerId: 'bo', attachmentId: upload.attachmentId });
    expect(download).toMatchObject({ attachmentId: upload.attachmentId, fileName: 'Plan.PDF', size: 1234 });
    expect(download.downloadUrl).toContain(`conversations/${id}/${upload.attachmentId}?get`);
    expect(download.downloadUrl).toContain('exp=300');
  });

  it('refuses a checksum that is not a base64 SHA-256, storing nothing', async () => {
    const { world, id } = await chat();
    for (const checksumSha256 of ['', 'abc', `${SUM.slice(0, -1)}A`, Buffer.alloc(20).toString('base64')]) {
      await expect(
        createAttachmentUpload(world.deps, {
          callerId: 'ana',
          conversationId: id,
          fileName: 'a.pdf',
          contentType: 'application/pdf',
          size: 1,
          checksumSha256,
        }),
      ).rejects.toBeInstanceOf(InvalidAttachment);
    }
    expect(world.stored.attachmentsById.size).toBe(0);
  });

  it('marks images as images', async () => {
    const { world, id } = await chat();
    const upload = await createAttachmentUpload(world.deps, {
      callerId: 'bo',
      conversationId: id,
      fileName: 'me.webp',
      contentType: 'image/webp',
      size: 10,
      checksumSha256: SUM,
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
        checksumSha256: SUM,
      }),
    ).rejects.toBeInstanceOf(ConversationNotFound);
    const { attachmentId } = await createAttachmentUpload(world.deps, {
      callerId: 'ana',
      conversationId: id,
      fileName: 'x.png',
      contentType: 'image/png',
      size: 1,
      checksumSha256: SUM,
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
          checksumSha256: SUM,
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
        checksumSha256: SUM,
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

describe('freezing on send', () => {
  it('copies the checked bytes where downloads read them, so a later upload changes nothing', async () => {
    const { world, id } = await chat();
    const { attachmentId } = await slot(world, id);
    world.upload(`uploads/${id}/${attachmentId}`, 5);
    await sendWith(world, id, attachmentId);
    expect(world.objects.get(`conversations/${id}/${attachmentId}`)).toEqual({ size: 5, checksumSha256: SUM });
    // another PUT to the upload URL afterwards
    world.upload(`uploads/${id}/${attachmentId}`, 4, OTHER_SUM);
    expect(world.objects.get(`conversations/${id}/${attachmentId}`)).toEqual({ size: 5, checksumSha256: SUM });
    expect(world.stored.attachmentsById.get(attachmentId)).toMatchObject({ frozenAt: '2026-03-01T09:00:00.000Z' });
    expect(world.stored.attachmentsById.get(attachmentId)?.sweepAfter).toBeUndefined();
    // a retried send of the same attachment copies nothing again
    await sendWith(world, id, attachmentId, 'k2');
    expect(world.objects.get(`conversations/${id}/${attachmentId}`)).toEqual({ size: 5, checksumSha256: SUM });
  });

  it('refuses bytes that do not match the announced checksum, and sends nothing', async () => {
    const { world, id } = await chat();
    const { attachmentId } = await slot(world, id);
    world.upload(`uploads/${id}/${attachmentId}`, 5, OTHER_SUM);
    await expect(sendWith(world, id, attachmentId)).rejects.toThrow(/does not match its checksum/);
    expect(world.objects.has(`conversations/${id}/${attachmentId}`)).toBe(false);
    expect(world.stored.messagesByKey.size).toBe(0);
  });

  it('refuses a slot past its lifetime', async () => {
    const { world, id } = await chat();
    const { attachmentId } = await slot(world, id);
    world.upload(`uploads/${id}/${attachmentId}`, 5);
    world.advance(SLOT_LIFETIME_HOURS * 3600_000);
    await expect(sendWith(world, id, attachmentId)).rejects.toThrow(/expired/);
  });
});

describe('deleting a message', () => {
  it('deletes its attachments objects at once, so earlier download URLs find nothing', async () => {
    const { world, id } = await chat();
    const { attachmentId } = await slot(world, id);
    world.upload(`uploads/${id}/${attachmentId}`, 5);
    const { message } = await sendWith(world, id, attachmentId);
    await deleteMessage(world.deps, { callerId: 'ana', conversationId: id, messageId: message.id });
    expect([...world.objects.keys()]).toEqual([]);
    await expect(getAttachmentDownload(world.deps, { callerId: 'bo', attachmentId })).rejects.toBeInstanceOf(
      AttachmentNotFound,
    );
    // and the sweep removes the record
    world.advance(1000);
    expect(await sweepAttachments(world.deps)).toEqual({ removed: 1, kept: 0 });
    expect(world.stored.attachmentsById.has(attachmentId)).toBe(false);
  });
});

describe('the sweep', () => {
  it('removes slots never sent within their lifetime with their objects, and keeps sent ones', async () => {
    const { world, id } = await chat();
    const unsent = await slot(world, id);
    const sent = await slot(world, id);
    world.upload(`uploads/${id}/${unsent.attachmentId}`, 5);
    world.upload(`uploads/${id}/${sent.attachmentId}`, 5);
    await sendWith(world, id, sent.attachmentId);

    // not yet due
    world.advance(SLOT_LIFETIME_HOURS * 3600_000 - 1);
    expect(await sweepAttachments(world.deps)).toEqual({ removed: 0, kept: 0 });
    expect(world.stored.attachmentsById.has(unsent.attachmentId)).toBe(true);

    world.advance(2);
    expect(await sweepAttachments(world.deps)).toEqual({ removed: 1, kept: 0 });
    expect(world.stored.attachmentsById.has(unsent.attachmentId)).toBe(false);
    expect(world.objects.has(`uploads/${id}/${unsent.attachmentId}`)).toBe(false);
    expect(world.stored.attachmentsById.get(sent.attachmentId)?.frozenAt).toBeDefined();
    expect(world.objects.has(`conversations/${id}/${sent.attachmentId}`)).toBe(true);
  });

  it('keeps a slot that a message showed between the listing and the claim', async () => {
    const { world, id } = await chat();
    const { attachmentId } = await slot(world, id);
    world.upload(`uploads/${id}/${attachmentId}`, 5);
    world.advance(SLOT_LIFETIME_HOURS * 3600_000 + 1);
    // as if the send froze it right after the sweep listed it
    const due = world.deps.attachments.due.bind(world.deps.attachments);
    world.deps.attachments.due = async (before, limit) => {
      const listed = await due(before, limit);
      await world.deps.attachments.markFrozen(attachmentId, { at: before, size: 5 });
      return listed;
    };
    expect(await sweepAttachments(world.deps)).toEqual({ removed: 0, kept: 1 });
    expect(world.stored.attachmentsById.has(attachmentId)).toBe(true);
    expect(world.objects.has(`uploads/${id}/${attachmentId}`)).toBe(true);
  });

  it('a slot it claimed can no longer be frozen by a send', async () => {
    const { world, id } = await chat();
    const { attachmentId } = await slot(world, id);
    expect(await world.deps.attachments.claimForSweep(attachmentId, '2026-03-02T09:00:00.000Z')).toBe(true);
    expect(await world.deps.attachments.markFrozen(attachmentId, { at: '2026-03-02T09:00:00.000Z', size: 5 })).toBe(
      false,
    );
  });
});
