import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { s3CallAudio } from '../src/adapters/call-audio.ts';

// What s3rver answers in one page on devstack: here a listing of more than one page, which the
// monthly storage run must follow to the end (the integration test lists the real bucket).
const s3 = mockClient(S3Client);
const audio = s3CallAudio(new S3Client({ region: 'eu-central-1' }), 'audio-bucket');

beforeEach(() => s3.reset());

describe('the audio bucket’s recordings', () => {
  it('given a listing of two pages, then every recording under voicemail/ is yielded with its size and time, in order', async () => {
    s3.on(ListObjectsV2Command, { ContinuationToken: undefined }).resolves({
      IsTruncated: true,
      NextContinuationToken: 'page-2',
      Contents: [
        { Key: 'voicemail/u-ana/c1/recording.wav', Size: 100, LastModified: new Date('2026-11-02T10:00:00Z') },
      ],
    });
    s3.on(ListObjectsV2Command, { ContinuationToken: 'page-2' }).resolves({
      IsTruncated: false,
      Contents: [
        { Key: 'voicemail/u-bea/c2/recording.wav', Size: 200, LastModified: new Date('2026-12-01T00:00:00Z') },
      ],
    });

    const seen = [];
    for await (const r of audio.recordings()) seen.push(r);

    expect(seen).toEqual([
      { key: 'voicemail/u-ana/c1/recording.wav', bytes: 100, storedAt: '2026-11-02T10:00:00.000Z' },
      { key: 'voicemail/u-bea/c2/recording.wav', bytes: 200, storedAt: '2026-12-01T00:00:00.000Z' },
    ]);
    const asked = s3.commandCalls(ListObjectsV2Command).map((c) => c.args[0].input);
    expect(asked).toEqual([
      { Bucket: 'audio-bucket', Prefix: 'voicemail/', ContinuationToken: undefined },
      { Bucket: 'audio-bucket', Prefix: 'voicemail/', ContinuationToken: 'page-2' },
    ]);
  });

  it('given an empty bucket, then nothing is yielded', async () => {
    s3.on(ListObjectsV2Command).resolves({ IsTruncated: false });

    const seen = [];
    for await (const r of audio.recordings()) seen.push(r);

    expect(seen).toEqual([]);
  });
});
