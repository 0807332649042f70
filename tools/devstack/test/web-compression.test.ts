import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickEncoding } from '../src/compress.ts';
import { close, listen } from '../src/http-util.ts';
import { serveWebClient } from '../src/static.ts';

// The built client over a real socket, read raw (node:http, no decoding) so the bytes on the wire are seen.
const dist = mkdtempSync(join(tmpdir(), 'devstack-compress-'));
const script = `export const greeting = ${JSON.stringify('hello, '.repeat(400))};\n`;
const page = `<!doctype html><title>Parley</title><p>${'calm '.repeat(300)}</p>`;
let origin: Server;
let port: number;

beforeAll(async () => {
  mkdirSync(join(dist, 'assets'));
  mkdirSync(join(dist, 'icons'));
  writeFileSync(join(dist, 'index.html'), page);
  writeFileSync(join(dist, 'assets', 'index-1a2b.js'), script);
  writeFileSync(join(dist, 'assets', 'tiny-3c4d.js'), 'console.log(1)');
  writeFileSync(join(dist, 'icons', 'icon-192.png'), Buffer.alloc(4000, 7));
  origin = createServer((req, res) => serveWebClient(req, res, dist));
  port = await listen(origin, 0);
});

afterAll(async () => {
  await close(origin);
  rmSync(dist, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status?: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    },
  );
}

describe('the web client is compressed by Accept-Encoding, as CloudFront does', () => {
  it('given a browser accepting brotli, then the script comes as br and decodes to the file', async () => {
    const res = await get('/assets/index-1a2b.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });

    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(script) / 4);
    expect(brotliDecompressSync(res.body).toString()).toBe(script);
  });

  it('given a browser accepting gzip only, then gzip', async () => {
    const res = await get('/assets/index-1a2b.js', { 'accept-encoding': 'gzip' });

    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.body).toString()).toBe(script);
  });

  it.each(['/', '/chats/c1', '/index.html'])(
    'given the shell at %s, then index.html as br, revalidated',
    async (path) => {
      const res = await get(path, { 'accept-encoding': 'br' });

      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(brotliDecompressSync(res.body).toString()).toBe(page);
    },
  );

  it('given no Accept-Encoding, or br refused with q=0 and no gzip, then the file as it is', async () => {
    const none = await get('/assets/index-1a2b.js');
    const refused = await get('/assets/index-1a2b.js', { 'accept-encoding': 'br;q=0, identity' });

    for (const res of [none, refused]) {
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.vary).toBe('Accept-Encoding');
      expect(res.body.toString()).toBe(script);
    }
  });

  it('given a file under 1,000 bytes or an image, then it is not compressed', async () => {
    const tiny = await get('/assets/tiny-3c4d.js', { 'accept-encoding': 'br, gzip' });
    const image = await get('/icons/icon-192.png', { 'accept-encoding': 'br, gzip' });

    expect([tiny.headers['content-encoding'], tiny.body.toString()]).toEqual([undefined, 'console.log(1)']);
    expect([image.headers['content-encoding'], image.body.length]).toEqual([undefined, 4000]);
  });

  it('given the ETag of the brotli answer, then 304; the gzip answer has another ETag', async () => {
    const first = await get('/assets/index-1a2b.js', { 'accept-encoding': 'br' });
    const again = await get('/assets/index-1a2b.js', {
      'accept-encoding': 'br',
      'if-none-match': String(first.headers.etag),
    });
    const gzip = await get('/assets/index-1a2b.js', { 'accept-encoding': 'gzip' });

    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(gzip.headers.etag).not.toBe(first.headers.etag);
  });

  it('given HEAD, then the headers of the compressed answer and no body', async () => {
    const res = await get('/assets/index-1a2b.js', { 'accept-encoding': 'br' }, 'HEAD');

    expect([res.status, res.headers['content-encoding'], res.body.length]).toEqual([200, 'br', 0]);
  });
});

describe('pickEncoding', () => {
  it.each([
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip;q=0.5', 'gzip'],
    ['*', 'br'],
    ['identity', undefined],
    ['', undefined],
    [undefined, undefined],
  ] as const)('given %s, then %s', (header, expected) => {
    expect(pickEncoding(header)).toBe(expected);
  });
});
