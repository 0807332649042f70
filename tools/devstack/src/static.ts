import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import sirv, { type RequestHandler } from 'sirv';
import { COMPRESSIBLE_TYPES, compressedOnce, MIN_COMPRESS_BYTES, pickEncoding } from './compress.ts';
import { placeholderPage } from './pages/placeholder.ts';

const servers = new Map<string, RequestHandler>();

function cacheControl(pathname: string): string {
  return pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * sirv serves the files (types from its MIME table, ETag, ranges, no escape from `distDir`), in dev
 * mode so that every request looks at the disk and a build made while devstack runs shows up. Paths
 * without an extension fall back to index.html (the client's own routes); Vite's hashed `/assets/`
 * are cached for good, everything else revalidates. Text files are compressed first by
 * `serveCompressed` when the browser accepts brotli or gzip.
 */
function serverFor(distDir: string): RequestHandler {
  let serve = servers.get(distDir);
  if (!serve) {
    serve = sirv(distDir, {
      dev: true,
      etag: true,
      single: true,
      setHeaders(res, pathname) {
        res.setHeader('cache-control', cacheControl(pathname));
        if (COMPRESSIBLE_TYPES[extname(pathname)]) res.setHeader('vary', 'Accept-Encoding');
      },
    });
    servers.set(distDir, serve);
  }
  return serve;
}

/**
 * Serves the built web client from `distDir`, with the single-page-app fallback to index.html;
 * the placeholder page while there is no build.
 */
export function serveWebClient(req: IncomingMessage, res: ServerResponse, distDir: string): void {
  const head = req.method === 'HEAD';
  if (req.method !== 'GET' && !head) {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  if (!existsSync(join(distDir, 'index.html'))) {
    const html = placeholderPage();
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(html),
      'cache-control': 'no-store',
    });
    res.end(head ? undefined : html);
    return;
  }
  if (serveCompressed(req, res, distDir)) return;
  const serve = serverFor(distDir);
  serve(req, res, () => {
    // sirv does not fall back for paths that look like files; an unknown page (`/x.html`) still gets the client
    if (new URL(req.url ?? '/', 'http://x').pathname.endsWith('.html')) {
      req.url = '/';
      serve(req, res, () => notFound(res));
      return;
    }
    notFound(res);
  });
}

/**
 * The file a path names, as sirv would pick it: the file itself, else index.html for the client's
 * own routes (no extension, or an unknown `.html`); undefined for anything else (sirv answers it).
 */
function fileFor(distDir: string, pathname: string): string | undefined {
  const root = resolve(distDir);
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.split('/').some((segment) => segment.startsWith('.'))) return undefined;
  const abs = normalize(join(root, decoded));
  if (abs !== root && !abs.startsWith(root + sep)) return undefined;
  if (existsSync(abs) && statSync(abs).isFile()) return abs;
  const last = decoded.split('/').pop() ?? '';
  if (!last.includes('.') || last.endsWith('.html')) return join(root, 'index.html');
  return undefined;
}

/**
 * Answers a GET or HEAD for a text file of 1,000 bytes or more with brotli or gzip when the browser
 * accepts one (CloudFront's behaviour); false when the request is sirv's (no accepted encoding, a
 * range, a binary or small file, a path that names nothing).
 */
function serveCompressed(req: IncomingMessage, res: ServerResponse, distDir: string): boolean {
  const encoding = pickEncoding(req.headers['accept-encoding']);
  if (!encoding || req.headers.range) return false;
  const pathname = new URL(req.url ?? '/', 'http://x').pathname;
  const file = fileFor(distDir, pathname);
  const type = file ? COMPRESSIBLE_TYPES[extname(file)] : undefined;
  if (!file || !type) return false;
  const stats = statSync(file);
  if (stats.size < MIN_COMPRESS_BYTES) return false;
  const etag = `W/"${stats.size}-${stats.mtime.getTime()}-${encoding}"`;
  const headers = {
    'content-type': type,
    'content-encoding': encoding,
    vary: 'Accept-Encoding',
    etag,
    'last-modified': stats.mtime.toUTCString(),
    'cache-control': cacheControl(file === join(resolve(distDir), 'index.html') ? '/' : pathname),
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return true;
  }
  const body = compressedOnce(`${file}:${stats.size}:${stats.mtimeMs}`, () => readFileSync(file), encoding);
  res.writeHead(200, { ...headers, 'content-length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
}
