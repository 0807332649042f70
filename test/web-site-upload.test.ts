import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { CreateBucketCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CREDENTIALS } from '../tools/devstack/src/constants.ts';
import { startS3 } from '../tools/devstack/src/s3.ts';

// The web stack's deploy uploads the site (services/web/site.cjs, site-plugin.cjs): against s3rver,
// the local S3 devstack runs, with CloudFront (which has no local server) and CloudFormation's
// DescribeStacks mocked at the SDK.
const require = createRequire(import.meta.url);
const { uploadSite } = require('../services/web/site.cjs') as {
  uploadSite(
    input: Record<string, unknown>,
  ): Promise<{ uploaded: string[]; deleted: string[]; invalidationId?: string }>;
};
const ParleySite = require('../services/web/site-plugin.cjs') as new (
  serverless: unknown,
  options: unknown,
  utils: unknown,
) => {
  hooks: Record<string, () => Promise<unknown>>;
  deploySite(input: { build: () => void; dist: string }): Promise<{ uploaded: string[] } | undefined>;
};

const cloudfront = mockClient(CloudFrontClient);
const cfn = mockClient(CloudFormationClient);
let dir: string;
let s3Server: { port: number; close(): Promise<void> };
let s3: S3Client;
let config: Record<string, unknown>;
let bucketNo = 0;

/** A built client: index.html, unhashed files, hashed assets. */
function dist(files: Record<string, string>): string {
  const at = mkdtempSync(join(dir, 'dist-'));
  for (const [key, body] of Object.entries(files)) {
    mkdirSync(dirname(join(at, key)), { recursive: true });
    writeFileSync(join(at, key), body);
  }
  return at;
}
const build = {
  'index.html': '<!doctype html><script type="module" src="/assets/index-abc123.js"></script>',
  'manifest.webmanifest': '{"name":"Parley"}',
  'sw.js': 'self.addEventListener("fetch", () => {})',
  'assets/index-abc123.js': 'console.log(1)',
  'assets/index-def456.css': 'body{}',
};
const head = async (bucket: string, key: string) => {
  const o = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).catch(() => undefined);
  return o && { cacheControl: o.CacheControl, contentType: o.ContentType };
};
async function newBucket(): Promise<string> {
  const bucket = `parley-ci-web-${++bucketNo}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  return bucket;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'web-site-'));
  s3Server = await startS3({ port: 0, dir: join(dir, 's3') });
  config = {
    region: 'eu-central-1',
    endpoint: `http://127.0.0.1:${s3Server.port}`,
    forcePathStyle: true,
    credentials: CREDENTIALS,
  };
  s3 = new S3Client(config);
});
afterAll(async () => {
  s3.destroy();
  await s3Server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  cloudfront.reset();
  cfn.reset();
  cloudfront.on(CreateInvalidationCommand).resolves({
    Invalidation: {
      Id: 'I2J3K4',
      Status: 'InProgress',
      CreateTime: new Date(),
      InvalidationBatch: { CallerReference: 'x', Paths: { Quantity: 1, Items: ['/index.html'] } },
    },
  });
});

describe('uploading the web client to its bucket', () => {
  it('given a build, then hashed assets go first with a year’s immutable cache, the rest no-cache, each with its type, and /index.html is invalidated', async () => {
    const bucket = await newBucket();

    const result = await uploadSite({
      s3,
      cloudfront: new CloudFrontClient({}),
      bucket,
      distributionId: 'E1DIST',
      dist: dist(build),
    });

    expect(result.uploaded).toEqual([
      'assets/index-abc123.js',
      'assets/index-def456.css',
      'index.html',
      'manifest.webmanifest',
      'sw.js',
    ]);
    const immutable = 'public, max-age=31536000, immutable';
    expect(await head(bucket, 'assets/index-abc123.js')).toEqual({
      cacheControl: immutable,
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(await head(bucket, 'assets/index-def456.css')).toEqual({
      cacheControl: immutable,
      contentType: 'text/css; charset=utf-8',
    });
    expect(await head(bucket, 'index.html')).toEqual({
      cacheControl: 'no-cache',
      contentType: 'text/html; charset=utf-8',
    });
    expect(await head(bucket, 'manifest.webmanifest')).toEqual({
      cacheControl: 'no-cache',
      contentType: 'application/manifest+json',
    });
    expect(await head(bucket, 'sw.js')).toEqual({
      cacheControl: 'no-cache',
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(cloudfront.commandCalls(CreateInvalidationCommand).map((c) => c.args[0].input)).toEqual([
      {
        DistributionId: 'E1DIST',
        InvalidationBatch: {
          CallerReference: expect.stringMatching(/^parley-site-\d+$/),
          Paths: { Quantity: 1, Items: ['/index.html'] },
        },
      },
    ]);
    expect(result.invalidationId).toBe('I2J3K4');
  });

  it('given the previous build in the bucket, then its hashed assets stay (open tabs still load them) and its other files the new build lacks are removed', async () => {
    const bucket = await newBucket();
    for (const key of ['assets/index-old999.js', 'old-page.html', 'index.html'])
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'previous build' }));

    const result = await uploadSite({
      s3,
      cloudfront: new CloudFrontClient({}),
      bucket,
      distributionId: 'E1DIST',
      dist: dist(build),
    });

    expect(result.deleted).toEqual(['old-page.html']);
    expect(await head(bucket, 'old-page.html')).toBeUndefined();
    expect(await head(bucket, 'assets/index-old999.js')).toBeDefined();
    expect(await head(bucket, 'index.html')).toMatchObject({ cacheControl: 'no-cache' });
  });

  it('given a folder without index.html (no build), then it refuses and uploads nothing', async () => {
    const bucket = await newBucket();

    await expect(
      uploadSite({
        s3,
        cloudfront: new CloudFrontClient({}),
        bucket,
        distributionId: 'E1DIST',
        dist: dist({ 'assets/a-1.js': 'x' }),
      }),
    ).rejects.toThrow(/no index.html/);
    expect(await head(bucket, 'assets/a-1.js')).toBeUndefined();
    expect(cloudfront.commandCalls(CreateInvalidationCommand)).toHaveLength(0);
  });
});

describe('the web stack’s deploy (site-plugin.cjs)', () => {
  const serverless = () => ({
    getProvider: () => ({
      naming: { getStackName: () => 'parley-web-ci' },
      getCloudFormationClient: async () => new CloudFormationClient({ region: 'eu-central-1' }),
      getAwsSdkV3Config: async () => config,
    }),
  });
  const notices: string[] = [];
  const utils = { log: { notice: (m: string) => notices.push(m) } };

  it('after CloudFormation deploys, builds the client and uploads it to the bucket and distribution the stack’s outputs name', async () => {
    const bucket = await newBucket();
    cfn.on(DescribeStacksCommand, { StackName: 'parley-web-ci' }).resolves({
      Stacks: [
        {
          StackName: 'parley-web-ci',
          CreationTime: new Date(),
          StackStatus: 'UPDATE_COMPLETE',
          Outputs: [
            { OutputKey: 'WebBucketName', OutputValue: bucket },
            { OutputKey: 'DistributionId', OutputValue: 'E9WEB' },
            { OutputKey: 'WebUrl', OutputValue: 'https://d111.cloudfront.net' },
          ],
        },
      ],
    });
    const plugin = new ParleySite(serverless(), {}, utils);
    expect(Object.keys(plugin.hooks)).toEqual(['after:deploy:deploy']);
    let built = 0;

    const result = await plugin.deploySite({ build: () => void built++, dist: dist(build) });

    expect(built).toBe(1);
    expect(result?.uploaded).toContain('index.html');
    expect(await head(bucket, 'index.html')).toMatchObject({ cacheControl: 'no-cache' });
    expect(cloudfront.commandCalls(CreateInvalidationCommand)[0]?.args[0].input.DistributionId).toBe('E9WEB');
    expect(notices.at(-1)).toBe('the app is at https://d111.cloudfront.net');
  });

  it('given PARLEY_SKIP_SITE_UPLOAD=1, then the deploy builds and uploads nothing', async () => {
    process.env.PARLEY_SKIP_SITE_UPLOAD = '1';
    try {
      let built = 0;
      const plugin = new ParleySite(serverless(), {}, utils);

      expect(await plugin.deploySite({ build: () => void built++, dist: dist(build) })).toBeUndefined();
      expect(built).toBe(0);
      expect(cfn.commandCalls(DescribeStacksCommand)).toHaveLength(0);
      expect(cloudfront.commandCalls(CreateInvalidationCommand)).toHaveLength(0);
    } finally {
      delete process.env.PARLEY_SKIP_SITE_UPLOAD;
    }
  });

  it('given a stack without the outputs, then the deploy fails saying so, before building', async () => {
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [] });
    let built = 0;
    const plugin = new ParleySite(serverless(), {}, utils);

    await expect(plugin.deploySite({ build: () => void built++, dist: dist(build) })).rejects.toThrow(/WebBucketName/);
    expect(built).toBe(0);
  });
});
