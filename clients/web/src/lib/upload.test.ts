import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { MessagingApi } from './messaging-api.ts';
import { sha256Base64, uploadAttachment } from './upload.ts';

/** A stand-in for the browser's XMLHttpRequest that records one PUT and answers 200. */
class RecordingXhr {
  static sent: { method: string; url: string; headers: Record<string, string>; body: unknown }[] = [];
  private request = { method: '', url: '', headers: {} as Record<string, string> };
  upload: { onprogress?: (e: { lengthComputable: boolean; loaded: number; total: number }) => void } = {};
  status = 0;
  onload?: () => void;
  onerror?: () => void;
  onabort?: () => void;
  open(method: string, url: string) {
    this.request = { method, url, headers: {} };
  }
  setRequestHeader(name: string, value: string) {
    this.request.headers[name] = value;
  }
  abort() {}
  send(body: unknown) {
    RecordingXhr.sent.push({ ...this.request, body });
    this.status = 200;
    queueMicrotask(() => this.onload?.());
  }
}

describe('uploading an attachment', () => {
  const bytes = new TextEncoder().encode('%PDF-1.7 a tiny test document');
  const expected = createHash('sha256').update(bytes).digest('base64');

  it('computes the SHA-256 of the file in base64, as S3 names it', async () => {
    expect(await sha256Base64(new Blob([bytes]))).toBe(expected);
  });

  it('announces the checksum with the slot and sends the headers the slot names with the PUT', async () => {
    vi.stubGlobal('XMLHttpRequest', RecordingXhr);
    const createAttachment = vi.fn(async () => ({
      attachmentId: 'a1',
      uploadUrl: 'https://bucket.example/uploads/c1/a1?X-Amz-Signature=s',
      uploadHeaders: { 'content-type': 'application/pdf', 'x-amz-checksum-sha256': expected },
    }));
    const api = { createAttachment } as unknown as MessagingApi;
    const file = new File([bytes], 'plan.pdf', { type: 'application/pdf' });
    const attachment = await uploadAttachment(api, 'c1', file, () => undefined);
    expect(createAttachment).toHaveBeenCalledWith({
      conversationId: 'c1',
      fileName: 'plan.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
      checksumSha256: expected,
    });
    expect(RecordingXhr.sent).toHaveLength(1);
    expect(RecordingXhr.sent[0]).toMatchObject({
      method: 'PUT',
      headers: { 'content-type': 'application/pdf', 'x-amz-checksum-sha256': expected },
    });
    expect(attachment).toMatchObject({ id: 'a1', fileName: 'plan.pdf', kind: 'file' });
  });
});
