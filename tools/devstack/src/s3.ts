import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { CREDENTIALS } from './constants.ts';

interface S3rverInstance {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
  httpServer?: Server;
}
type S3rverCtor = new (options: Record<string, unknown>) => S3rverInstance;
interface AccountModule {
  DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void };
}

/**
 * Starts s3rver (path-style, files under `dir`). s3rver rejects an unknown access key id
 * (InvalidAccessKeyId, 403) but does not verify SigV4 signatures themselves, so devstack's dummy
 * credentials are registered with it. Buckets and their CORS rules are created by the devstack
 * serverless plugin from each template.
 */
export async function startS3(options: {
  port: number;
  dir: string;
}): Promise<{ port: number; close(): Promise<void> }> {
  mkdirSync(options.dir, { recursive: true });
  const require = createRequire(import.meta.url);
  const S3rver = require('s3rver') as S3rverCtor;
  const accounts = require('s3rver/lib/models/account') as AccountModule;
  accounts.DUMMY_ACCOUNT.createKeyPair(CREDENTIALS.accessKeyId, CREDENTIALS.secretAccessKey);
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    directory: options.dir,
    silent: true,
    configureBuckets: [],
  });
  const { port } = await server.run();
  return {
    port,
    close: async () => {
      server.httpServer?.closeAllConnections?.();
      await server.close();
    },
  };
}
