import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { placeholderPage } from './pages/placeholder.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

function sendFile(res: ServerResponse, file: string, head: boolean, cache: string): void {
  const { size } = statSync(file);
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': size,
    'cache-control': cache,
  });
  if (head) res.end();
  else createReadStream(file).pipe(res);
}

/**
 * Serves the built web client from `distDir` (looked up on every request, so a build made while
 * devstack runs shows up), with the single-page-app fallback to index.html; the placeholder page
 * while there is no build.
 */
export function serveWebClient(req: IncomingMessage, res: ServerResponse, distDir: string): void {
  const head = req.method === 'HEAD';
  if (req.method !== 'GET' && !head) {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) {
    const html = placeholderPage();
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(html),
      'cache-control': 'no-store',
    });
    res.end(head ? undefined : html);
    return;
  }
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const file = normalize(join(distDir, pathname));
  if ((file === distDir || file.startsWith(distDir + sep)) && existsSync(file) && statSync(file).isFile()) {
    sendFile(res, file, head, pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    return;
  }
  if (extname(pathname) && !pathname.endsWith('.html')) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  sendFile(res, index, head, 'no-cache');
}
