import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChimeSDKMeetingsClient,
  CreateMeetingWithAttendeesCommand,
  type CreateMeetingWithAttendeesCommandOutput,
} from '@aws-sdk/client-chime-sdk-meetings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MeetingsEmulator } from '../src/chime/meetings.ts';
import { EventTail } from '../src/event-tail.ts';
import { close, listen } from '../src/http-util.ts';
import { originHandlers } from '../src/origin.ts';
import { stackHealth } from '../src/stack-health.ts';

describe('the meetings emulator wired into devstack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'devstack-meetings-'));
  let emulator: MeetingsEmulator;
  let origin: Server;
  let meetingsPort = 0;
  let originPort = 0;
  let created: CreateMeetingWithAttendeesCommandOutput;

  beforeAll(async () => {
    emulator = new MeetingsEmulator({
      file: join(dir, 'chime-meetings.json'),
      region: 'eu-central-1',
      accountId: '000000000000',
      publicOrigin: () => `http://localhost:${originPort}`,
      emit: () => {},
    });
    meetingsPort = await listen(emulator.server, 0);
    const handlers = originHandlers({
      webDist: join(dir, 'no-web'),
      httpPortOf: () => undefined,
      websocketPort: () => undefined,
      chimeMeetingsPort: () => meetingsPort,
      ownOrigins: () => [],
      health: async () => ({ status: 'unavailable', services: {}, infrastructure: {} }),
      tail: new EventTail(),
      outbox: () => [],
      publish: async () => ({ failedEntryCount: 0 }),
      info: () => ({}),
    });
    origin = createServer((req, res) => void handlers.request(req, res));
    origin.on('upgrade', (req, socket, head) => handlers.upgrade(req, socket, head));
    originPort = await listen(origin, 0);
    const chime = new ChimeSDKMeetingsClient({
      region: 'eu-central-1',
      endpoint: `http://127.0.0.1:${meetingsPort}`,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    created = await chime.send(
      new CreateMeetingWithAttendeesCommand({
        MediaRegion: 'eu-central-1',
        ExternalMeetingId: 'wired',
        Attendees: [{ ExternalUserId: 'someone' }],
      }),
    );
    chime.destroy();
  });
  afterAll(async () => {
    emulator.close();
    await Promise.all([close(emulator.server), close(origin)]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a meeting, when a client opens its SignalingUrl on the public origin, then the emulator answers through the proxy', async () => {
    const signalingUrl = created.Meeting?.MediaPlacement?.SignalingUrl as string;
    expect(signalingUrl).toBe(`ws://localhost:${originPort}/_dev/chime/meetings/${created.Meeting?.MeetingId}/signal`);
    const token = created.Attendees?.[0]?.JoinToken as string;

    const ws = new WebSocket(
      `${signalingUrl.replace('localhost', '127.0.0.1')}?joinToken=${encodeURIComponent(token)}`,
    );
    const first = await new Promise<{ type: string; externalUserId: string }>((resolve, reject) => {
      ws.once('message', (raw) => resolve(JSON.parse(raw.toString())));
      ws.once('error', reject);
    });

    expect(first).toMatchObject({ type: 'joined', externalUserId: 'someone' });
    ws.close();
  });

  it('given an unknown meeting, when its signaling path is opened through the origin, then the 404 is relayed', async () => {
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(
        `ws://127.0.0.1:${originPort}/_dev/chime/meetings/00000000-0000-4000-8000-000000000000/signal?joinToken=x`,
      );
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => {});
    });

    expect(status).toBe(404);
  });

  it('when the stack health is checked, then chime-meetings and chime-voice are probed and the endpoints are listed', async () => {
    const endpoints = { 'chime-sdk-meetings': `http://127.0.0.1:${meetingsPort}` };
    const check = stackHealth({
      services: [],
      brokerPort: originPort,
      dynamodb: { port: originPort },
      s3Port: originPort,
      ssmPort: originPort,
      snsPort: originPort,
      chimeMeetingsPort: meetingsPort,
      chimeVoicePort: 1,
      endpoints,
    });

    const report = await check();

    expect(report.infrastructure['chime-meetings']).toMatchObject({ status: 'up', port: meetingsPort });
    expect(report.infrastructure['chime-voice']).toMatchObject({ status: 'starting', port: 1 });
    expect(report.status).toBe('unavailable');
    expect(report.endpoints).toEqual(endpoints);
  });
});
