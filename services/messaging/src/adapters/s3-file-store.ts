import { createHash } from 'node:crypto';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { FileStore } from '../domain/ports.ts';

/** RFC 6266 `filename*` so any file name survives the header intact. */
function disposition(kind: 'image' | 'file', fileName: string): string {
  const type = kind === 'image' ? 'inline' : 'attachment';
  return `${type}; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

const isNotFound = (err: unknown): boolean =>
  (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404 ||
  ['NotFound', 'NoSuchKey'].includes((err as Error).name);

/**
 * The attachments bucket. Upload URLs sign the content type, the length and the SHA-256 (as a
 * header the client must send: S3 ignores a checksum hoisted into the query string), so S3 refuses
 * a body that differs from what was announced. Downloads read only the frozen copy (`key`) and
 * force the stored type and a safe disposition (ADR 0016).
 */
export function s3FileStore(client: S3Client, bucket: string): FileStore {
  return {
    uploadUrl(a, expiresIn) {
      if (!a.uploadKey || !a.checksumSha256) throw new Error(`attachment ${a.id} has no upload key or checksum`);
      return getSignedUrl(
        client,
        new PutObjectCommand({
          Bucket: bucket,
          Key: a.uploadKey,
          ContentType: a.contentType,
          ContentLength: a.size,
          ChecksumSHA256: a.checksumSha256,
        }),
        {
          expiresIn,
          signableHeaders: new Set(['content-type', 'content-length', 'x-amz-checksum-sha256']),
          unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
        },
      );
    },
    downloadUrl(a, expiresIn) {
      return getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket: bucket,
          Key: a.key,
          ResponseContentType: a.contentType,
          ResponseContentDisposition: disposition(a.kind, a.fileName),
        }),
        { expiresIn },
      );
    },
    async freeze({ from, to, checksumSha256, contentType, maxBytes }) {
      const head = await client
        .send(new HeadObjectCommand({ Bucket: bucket, Key: from, ChecksumMode: 'ENABLED' }))
        .catch((err: unknown) => {
          if (isNotFound(err)) return undefined;
          throw err;
        });
      if (!head) return { refused: 'missing' };
      const size = head.ContentLength ?? 0;
      if (size > maxBytes) return { refused: 'too-large' };
      if (head.ChecksumSHA256) {
        // S3 checked the bytes against the checksum the signed PUT carried, and kept it: copy that
        // very object (the ETag pins it), with S3 computing the copy's checksum again.
        if (head.ChecksumSHA256 !== checksumSha256) return { refused: 'checksum-mismatch' };
        await client.send(
          new CopyObjectCommand({
            Bucket: bucket,
            Key: to,
            CopySource: `${bucket}/${from}`,
            ...(head.ETag ? { CopySourceIfMatch: head.ETag } : {}),
            ChecksumAlgorithm: 'SHA256',
          }),
        );
        return { size };
      }
      // No checksum stored with the object (s3rver keeps none, and verifies none): hash the bytes
      // here and store exactly the bytes hashed, so what is served is what was checked.
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: from }));
      const bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
      if (bytes.length > maxBytes) return { refused: 'too-large' };
      if (createHash('sha256').update(bytes).digest('base64') !== checksumSha256) {
        return { refused: 'checksum-mismatch' };
      }
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: to,
          Body: bytes,
          ContentType: contentType,
          ChecksumSHA256: checksumSha256,
        }),
      );
      return { size: bytes.length };
    },
    async remove(keys) {
      await Promise.all(
        [...new Set(keys)].map((key) => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))),
      );
    },
  };
}
