import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { CallAudio } from '../domain/ports.ts';
import { ringbackWav } from './ringback.ts';

/** How long a voicemail's download link works: fetched when the person presses play. */
const DOWNLOAD_SECONDS = 15 * 60;
const RINGBACK_KEY = 'prompts/ringback-v1.wav';

const isMissing = (err: unknown) => ['NotFound', 'NoSuchKey'].includes((err as Error)?.name ?? '');

/**
 * Calling's audio bucket: `voicemail/<ownerId>/<callId>/…` (what RecordAudio writes; the owner's
 * prefix) and `prompts/` (the ringback tone, written on first use if the bucket lacks it).
 */
export function s3CallAudio(client: S3Client, bucket: string): CallAudio {
  let ringback: Promise<void> | undefined;
  const ensureRingback = async () => {
    try {
      await client.send(new HeadObjectCommand({ Bucket: bucket, Key: RINGBACK_KEY }));
    } catch (err) {
      if (!isMissing(err)) throw err;
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: RINGBACK_KEY,
          Body: ringbackWav().bytes,
          ContentType: 'audio/wav',
        }),
      );
    }
  };
  return {
    recordingDestination: (ownerId, callId) => ({ bucket, prefix: `voicemail/${ownerId}/${callId}/` }),

    async ringback() {
      ringback ??= ensureRingback().catch((err: unknown) => {
        ringback = undefined;
        throw err;
      });
      await ringback;
      return { bucket, key: RINGBACK_KEY, seconds: ringbackWav().seconds };
    },

    async size(key) {
      try {
        const out = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return out.ContentLength;
      } catch (err) {
        if (isMissing(err)) return undefined;
        throw err;
      }
    },

    async downloadUrl(key) {
      const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), {
        expiresIn: DOWNLOAD_SECONDS,
      });
      return { url, expiresAt: new Date(Date.now() + DOWNLOAD_SECONDS * 1000).toISOString() };
    },

    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },

    async *recordings() {
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: 'voicemail/', ContinuationToken: token }),
        );
        for (const o of page.Contents ?? []) {
          if (o.Key && o.LastModified) yield { key: o.Key, bytes: o.Size ?? 0, storedAt: o.LastModified.toISOString() };
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
  };
}
