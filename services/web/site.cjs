'use strict';
/**
 * Uploads the built web client (clients/web/dist) to the stage's bucket, as `serverless deploy` of this
 * stack does after CloudFormation (site-plugin.cjs) and `upload.sh` does with the AWS CLI:
 * - `assets/` (Vite's hashed files) first, cached for a year (`immutable`), and never deleted: a tab
 *   still running the previous build may load one of its lazy chunks later;
 * - then `index.html` and the other unhashed files (the manifest, the service worker, icons) with
 *   `no-cache`, so the next page load sees the new build; unhashed files the new build no longer has
 *   are deleted;
 * - then an invalidation of `/index.html` for any edge that still holds it.
 * Each object gets its Content-Type (S3 would store `application/octet-stream`).
 */
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { extname, join, relative, sep } = require('node:path');
const { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand } = require('@aws-sdk/client-s3');
const { CreateInvalidationCommand } = require('@aws-sdk/client-cloudfront');

const IMMUTABLE = 'public, max-age=31536000, immutable';
const NO_CACHE = 'no-cache';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.wav': 'audio/wav',
};

/** Every file under `dir`, as bucket keys (`/`-separated, relative to `dir`), sorted. */
function keysOf(dir) {
  const out = [];
  const walk = (at) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

const isAsset = (key) => key.startsWith('assets/');

/**
 * Uploads `dist` to `bucket` and invalidates `/index.html` of `distributionId`.
 * Returns what it did: `{ uploaded: keys, deleted: keys, invalidationId }`.
 */
async function uploadSite({ s3, cloudfront, bucket, distributionId, dist, log = () => {} }) {
  const keys = keysOf(dist);
  if (!keys.includes('index.html')) throw new Error(`${dist} has no index.html: build the web client first`);
  const put = (key, cacheControl) =>
    s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: readFileSync(join(dist, key)),
        CacheControl: cacheControl,
        ContentType: TYPES[extname(key).toLowerCase()] ?? 'application/octet-stream',
      }),
    );
  const assets = keys.filter(isAsset);
  const rest = keys.filter((k) => !isAsset(k));
  // the hashed files first: index.html must never point at a file that is not there yet
  for (const key of assets) await put(key, IMMUTABLE);
  for (const key of rest) await put(key, NO_CACHE);

  const stale = [];
  let token;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const o of page.Contents ?? []) if (o.Key && !isAsset(o.Key) && !rest.includes(o.Key)) stale.push(o.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  for (let i = 0; i < stale.length; i += 1000) {
    await s3.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: stale.slice(i, i + 1000).map((Key) => ({ Key })), Quiet: true },
      }),
    );
  }

  const invalidation = await cloudfront.send(
    new CreateInvalidationCommand({
      DistributionId: distributionId,
      InvalidationBatch: {
        CallerReference: `parley-site-${Date.now()}`,
        Paths: { Quantity: 1, Items: ['/index.html'] },
      },
    }),
  );
  log(`uploaded ${keys.length} files to s3://${bucket} (${stale.length} stale removed), invalidated /index.html`);
  return { uploaded: [...assets, ...rest], deleted: stale, invalidationId: invalidation.Invalidation?.Id };
}

module.exports = { uploadSite, keysOf, IMMUTABLE, NO_CACHE };
