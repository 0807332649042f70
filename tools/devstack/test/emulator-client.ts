import type { Server } from 'node:http';
import { listen } from '../src/http-util.ts';

/**
 * Starts an emulator's server on a free port and points a real AWS SDK client at it, as a service
 * handler's client is pointed at devstack: only the endpoint differs. One attempt, so a refused
 * request surfaces as the SDK's own error instead of being retried.
 */
export async function clientOf<C>(
  Client: new (config: {
    region: string;
    endpoint: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
    maxAttempts: number;
  }) => C,
  server: Server,
): Promise<C> {
  const port = await listen(server, 0);
  return new Client({
    region: 'eu-central-1',
    endpoint: `http://127.0.0.1:${port}`,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}
