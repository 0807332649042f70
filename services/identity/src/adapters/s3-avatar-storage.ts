import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { AvatarStorage } from '../domain/ports.ts';

const UPLOAD_SECONDS = 10 * 60;
const DOWNLOAD_SECONDS = 24 * 3600;

/**
 * AvatarStorage on the identity bucket. Uploads are presigned PUTs that sign the content type and
 * length (S3 refuses a different body); downloads are presigned GETs valid for a day.
 */
export function s3AvatarStorage(client: S3Client, bucket: string): AvatarStorage {
  return {
    async presignUpload({ key, contentType, size }) {
      const url = await getSignedUrl(
        client,
        new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType, ContentLength: size }),
        { expiresIn: UPLOAD_SECONDS, signableHeaders: new Set(['content-type', 'content-length']) },
      );
      return { url, expiresIn: UPLOAD_SECONDS };
    },
    async describe(key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return { size: head.ContentLength ?? 0, ...(head.ContentType ? { contentType: head.ContentType } : {}) };
      } catch (err) {
        if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return undefined;
        throw err;
      }
    },
    downloadUrl(key) {
      return getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: DOWNLOAD_SECONDS });
    },
  };
}
