import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Compression of the web client's files as CloudFront compresses them on AWS (services/web,
 * `Compress: true`): brotli or gzip, chosen by the request's `Accept-Encoding` (brotli first), for
 * text types of 1,000 bytes or more. devstack compresses on the fly, once per file version (the
 * answer is kept until the file changes), so `dist/` stays exactly what is uploaded to S3.
 */
export type Encoding = 'br' | 'gzip';

/** CloudFront compresses objects from 1,000 bytes; smaller ones gain nothing. */
export const MIN_COMPRESS_BYTES = 1000;

/** The types devstack compresses (CloudFront's list, as far as the client ships them), by extension. */
export const COMPRESSIBLE_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The encoding to answer with: brotli when accepted, else gzip, else none. A coding listed with
 * `q=0` is refused; `*` accepts both.
 */
export function pickEncoding(acceptEncoding: string | string[] | undefined): Encoding | undefined {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '');
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (coding: string) => (accepted.get(coding) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return undefined;
}

/**
 * Compresses a body. Brotli at quality 9: within a few percent of the slowest setting (11) at a
 * thirtieth of its time, which matters when the first request after a build waits for it.
 */
export function compressBody(body: Buffer, encoding: Encoding): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 9,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      })
    : gzipSync(body, { level: 9 });
}

const memo = new Map<string, Buffer>();
const MEMO_LIMIT = 200;

/** `compressBody`, remembered per file version (`key` names the path, size and mtime). */
export function compressedOnce(key: string, read: () => Buffer, encoding: Encoding): Buffer {
  const id = `${encoding}:${key}`;
  let body = memo.get(id);
  if (!body) {
    body = compressBody(read(), encoding);
    if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
    memo.set(id, body);
  }
  return body;
}
