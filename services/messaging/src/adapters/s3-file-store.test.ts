import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Attachment } from '../domain/model.ts';
import { s3FileStore } from './s3-file-store.ts';

const client = new S3Client({
  region: 'eu-central-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  requestChecksumCalculation: 'WHEN_REQUIRED',
});
const store = s3FileStore(client, 'attachments-bucket');
const report: Attachment = {
  id: 'a1',
  conversationId: 'c1',
  uploaderId: 'ana',
  fileName: 'Informe final ñ.pdf',
  contentType: 'application/pdf',
  size: 1234,
  kind: 'file',
  key: 'conversations/c1/a1',
  createdAt: '2026-03-01T09:00:00.000Z',
};

describe('s3FileStore', () => {
  it('signs uploads for the announced content type and length, without an SDK checksum', async () => {
    const url = new URL(await store.uploadUrl(report, 900));
    expect(url.pathname).toContain('conversations/c1/a1');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(
      expect.arrayContaining(['content-length', 'content-type', 'host']),
    );
    expect([...url.searchParams.keys()].some((k) => k.toLowerCase().includes('checksum'))).toBe(false);
  });

  it('serves downloads with the stored type and a safe, encoded disposition', async () => {
    const url = new URL(await store.downloadUrl(report, 300));
    expect(url.searchParams.get('response-content-type')).toBe('application/pdf');
    expect(url.searchParams.get('response-content-disposition')).toBe(
      "attachment; filename*=UTF-8''Informe%20final%20%C3%B1.pdf",
    );
    const image = new URL(
      await store.downloadUrl({ ...report, kind: 'image', contentType: 'image/png', fileName: 'a.png' }, 300),
    );
    expect(image.searchParams.get('response-content-disposition')).toMatch(/^inline;/);
  });

  describe('sizeOf', () => {
    const s3 = mockClient(client);
    beforeEach(() => s3.reset());

    it('is the stored size, or undefined when nothing was uploaded', async () => {
      s3.on(HeadObjectCommand, { Key: 'there' }).resolves({ ContentLength: 42 });
      s3.on(HeadObjectCommand, { Key: 'missing' }).rejects(
        Object.assign(new Error('NotFound'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } }),
      );
      expect(await store.sizeOf('there')).toBe(42);
      expect(await store.sizeOf('missing')).toBeUndefined();
    });

    it('does not hide other failures', async () => {
      s3.on(HeadObjectCommand).rejects(
        Object.assign(new Error('denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }),
      );
      await expect(store.sizeOf('x')).rejects.toThrow('denied');
    });
  });
});
