import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv, { type RequestHandler } from 'sirv';
import { placeholderPage } from './pages/placeholder.ts';

const servers = new Map<string, RequestHandler>();

/**
 * sirv serves the files (types from its MIME table, ETag, ranges, no escape from `distDir`), in dev
 * mode so that every request looks at the disk and a build made while devstack runs shows up. Paths
 * without an extension fall back to index.html (the client's own routes); Vite's hashed `/assets/`
 * are cached for good, everything else revalidates.
 */
function serverFor(distDir: string): RequestHandler {
  let serve = servers.get(distDir);
  if (!serve) {
    serve = sirv(distDir, {
      dev: true,
      etag: true,
      single: true,
      setHeaders(res, pathname) {
        res.setHeader(
          'cache-control',
          pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
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

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
}
