// biome-ignore-all lint/suspicious/noExplicitAny: test responses are read field by field
import { randomInt } from 'node:crypto';
import { request } from 'node:http';
import type { DevstackInfo } from '@parley/testing/devstack-info';

/** A loopback address of its own (127.x.y.z, never 127.0.0.1), as the source of a test's requests. */
export const someAddress = () => `127.${randomInt(1, 255)}.${randomInt(0, 255)}.${randomInt(1, 255)}`;

/**
 * POST `path` with a JSON body straight to identity's serverless-offline from `localAddress`, which
 * it reports as `requestContext.http.sourceIp` (as API Gateway reports the client's address).
 * Through the :3000 origin every request would come from the proxy's 127.0.0.1.
 */
export function postToIdentityFrom(
  devstack: DevstackInfo,
  localAddress: string,
  path: string,
  body: unknown,
): Promise<{ status: number; retryAfter?: string; body: any }> {
  const port = devstack.services.identity?.http;
  if (!port) throw new Error('devstack runs no identity service');
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        localAddress,
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          resolve({
            status: res.statusCode ?? 0,
            ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
            body: text ? JSON.parse(text) : undefined,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
