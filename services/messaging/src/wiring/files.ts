import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { awsClient } from '@parley/lambda/clients';
import { once } from '@parley/lambda/once';
import { s3FileStore } from '../adapters/s3-file-store.ts';
import { config } from '../config.ts';
import { core } from './index.ts';

/** Core ports plus the attachments bucket. */
export const files = /* @__PURE__ */ once(() => ({
  ...core(),
  files: s3FileStore(
    // A presigned PUT must not carry an SDK checksum of an empty body: the browser sends the bytes.
    awsClient(S3Client, {
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    } satisfies S3ClientConfig),
    config.ATTACHMENTS_BUCKET,
  ),
}));
