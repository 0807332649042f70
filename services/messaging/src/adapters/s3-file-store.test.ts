import { createHash } from 'node:crypto';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
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
  uploadKey: 'uploads/c1/a1',
  checksumSha256: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
  createdAt: '2026-03-01T09:00:00.000Z',
};

describe('s3FileStore', () => {
  it('signs uploads to the upload key for the announced type, length and SHA-256, sent as a header', async () => {
    const url = new URL(await store.uploadUrl(report, 300));
    expect(url.pathname).toContain('uploads/c1/a1');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(
      expect.arrayContaining(['content-length', 'content-type', 'host', 'x-amz-checksum-sha256']),
    );
    // S3 ignores a checksum hoisted into the query string: it must stay a signed header
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

  describe('freeze and remove', () => {
    const s3 = mockClient(client);
    beforeEach(() => s3.reset());
    const bytes = Buffer.from('test');
    const sum = createHash('sha256').update(bytes).digest('base64');
    const object = { from: 'uploads/c1/a1', to: 'conversations/c1/a1', contentType: 'text/plain', maxBytes: 4 };

    it('copies the very object S3 checked (its ETag) when S3 kept the announced checksum', async () => {
      s3.on(HeadObjectCommand).resolves({ ContentLength: 4, ChecksumSHA256: sum, ETag: '"e1"' });
      expect(await store.freeze({ ...object, checksumSha256: sum })).toEqual({ size: 4 });
      expect(s3.commandCalls(HeadObjectCommand)[0]?.args[0].input).toMatchObject({ ChecksumMode: 'ENABLED' });
      expect(s3.commandCalls(CopyObjectCommand)[0]?.args[0].input).toMatchObject({
        Key: 'conversations/c1/a1',
        CopySource: 'attachments-bucket/uploads/c1/a1',
        CopySourceIfMatch: '"e1"',
        ChecksumAlgorithm: 'SHA256',
      });
    });

    it('copies nothing when the stored checksum is another one', async () => {
      s3.on(HeadObjectCommand).resolves({ ContentLength: 4, ChecksumSHA256: `${sum.slice(0, 42)}A=`, ETag: '"e1"' });
      expect(await store.freeze({ ...object, checksumSha256: sum })).toEqual({ refused: 'checksum-mismatch' });
      expect(s3.commandCalls(CopyObjectCommand)).toHaveLength(0);
    });

    it('without a stored checksum (s3rver), hashes the bytes and stores exactly those', async () => {
      s3.on(HeadObjectCommand).resolves({ ContentLength: 4, ETag: '"e1"' });
      s3.on(GetObjectCommand).resolves({ Body: { transformToByteArray: async () => new Uint8Array(bytes) } as never });
      expect(await store.freeze({ ...object, checksumSha256: sum })).toEqual({ size: 4 });
      const put = s3.commandCalls(PutObjectCommand)[0]?.args[0].input;
      expect(put).toMatchObject({ Key: 'conversations/c1/a1', ContentType: 'text/plain', ChecksumSHA256: sum });
      expect(Buffer.from(put?.Body as Uint8Array)).toEqual(bytes);
      expect(s3.commandCalls(CopyObjectCommand)).toHaveLength(0);
    });

    it('without a stored checksum, refuses other bytes and stores nothing', async () => {
      s3.on(HeadObjectCommand).resolves({ ContentLength: 4, ETag: '"e1"' });
      s3.on(GetObjectCommand).resolves({
        Body: { transformToByteArray: async () => new Uint8Array(Buffer.from('evil')) } as never,
      });
      expect(await store.freeze({ ...object, checksumSha256: sum })).toEqual({ refused: 'checksum-mismatch' });
      expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    });

    it('answers missing or too large without copying, and does not hide other failures', async () => {
      s3.on(HeadObjectCommand, { Key: 'uploads/none' }).rejects(
        Object.assign(new Error('NotFound'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } }),
      );
      s3.on(HeadObjectCommand, { Key: 'uploads/big' }).resolves({ ContentLength: 5, ChecksumSHA256: sum });
      s3.on(HeadObjectCommand, { Key: 'uploads/denied' }).rejects(
        Object.assign(new Error('denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }),
      );
      expect(await store.freeze({ ...object, from: 'uploads/none', checksumSha256: sum })).toEqual({
        refused: 'missing',
      });
      expect(await store.freeze({ ...object, from: 'uploads/big', checksumSha256: sum })).toEqual({
        refused: 'too-large',
      });
      await expect(store.freeze({ ...object, from: 'uploads/denied', checksumSha256: sum })).rejects.toThrow('denied');
      expect(s3.commandCalls(CopyObjectCommand)).toHaveLength(0);
    });

    it('removes each object once', async () => {
      s3.on(DeleteObjectCommand).resolves({});
      await store.remove(['conversations/c1/a1', 'uploads/c1/a1', 'uploads/c1/a1']);
      expect(s3.commandCalls(DeleteObjectCommand).map((c) => c.args[0].input.Key)).toEqual([
        'conversations/c1/a1',
        'uploads/c1/a1',
      ]);
    });
  });
});
