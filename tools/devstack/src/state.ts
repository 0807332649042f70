import { join } from 'node:path';
import { DevstackError } from './errors.ts';
import { readJsonFile, writeJsonFile } from './json-file.ts';
import type { Endpoints, OfflinePorts } from './services.ts';

/** `<data-dir>/devstack.json`: how to reach a running devstack (read by tests and tools). */
export interface DevstackState {
  pid: number;
  url: string;
  startedAt: string;
  readyInMs?: number;
  stoppedAt?: string;
  dataDir: string;
  region: string;
  stage: string;
  /** who notifications texts through (`--messaging-provider`) */
  messagingProvider?: 'aws' | 'twilio';
  credentials: { accessKeyId: string; secretAccessKey: string };
  ports: {
    origin: number;
    dynamodb: number;
    s3: number;
    ssm: number;
    sns: number;
    chimeMeetings: number;
    chimeVoice: number;
    eventBridge: number;
    eventBridgePubSub: number;
  };
  services: Record<string, OfflinePorts>;
  endpoints: Endpoints;
}

export const stateFile = (dataDir: string) => join(dataDir, 'devstack.json');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Refuses to start a second devstack on the same data directory (DynamoDB Local would share its file). */
export function assertDataDirFree(dataDir: string): void {
  const previous = readJsonFile<Partial<DevstackState>>(stateFile(dataDir), {});
  if (previous.pid && !previous.stoppedAt && previous.pid !== process.pid && alive(previous.pid)) {
    throw new DevstackError(
      `A devstack is already running from ${dataDir} (pid ${previous.pid}, ${previous.url}).`,
      'Use it, stop it (Ctrl-C in its terminal), or start another one with --data-dir <dir> --port <port>.',
    );
  }
}

export function writeState(state: DevstackState): void {
  writeJsonFile(stateFile(state.dataDir), state);
}
