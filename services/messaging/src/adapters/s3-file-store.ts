import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { FileStore } from '../domain/ports.ts';

/** RFC 6266 `filename*` so any file name survives the header intact. */
function disposition(kind: 'image' | 'file', fileName: string): string {
  const type = kind === 'image' ? 'inline' : 'attachment';
  return `${type}; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * The attachments bucket. Upload URLs sign the content type and length, so S3 refuses a body that
 * differs from what was announced; downloads force the stored type and a safe disposition.
 */
export function s3FileStore(client: S3Client, bucket: string): FileStore {
  return {
    uploadUrl(a, expiresIn) {
      return getSignedUrl(
        client,
        new PutObjectCommand({ Bucket: bucket, Key: a.key, ContentType: a.contentType, ContentLength: a.size }),
        { expiresIn, signableHeaders: new Set(['content-type', 'content-length']) },
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
    async sizeOf(key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return head.ContentLength ?? 0;
      } catch (err) {
        const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        if (status === 404 || (err as Error).name === 'NotFound') return undefined;
        throw err;
      }
    },
  };
}
