import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * devstack's origin stands where CloudFront stands on AWS: it tells identity the viewer's address in
 * `x-parley-viewer-ip`, with a secret in `x-parley-origin-verify` that identity checks (ADR 0017). A new
 * secret per devstack process, handed to the services as PARLEY_ORIGIN_VERIFY_SECRET.
 */
export const ORIGIN_VERIFY_SECRET = randomBytes(24).toString('base64url');

/** Replaces whatever the viewer sent in those two headers with the origin's own values. */
export function markViewer(req: IncomingMessage, secret: string = ORIGIN_VERIFY_SECRET): void {
  const address = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  req.headers['x-parley-viewer-ip'] = address;
  req.headers['x-parley-origin-verify'] = secret;
}
