import { randomUUID } from 'node:crypto';
import {
  ChimeSDKMeetingsClient,
  CreateMeetingWithAttendeesCommand,
  DeleteMeetingCommand,
  GetMeetingCommand,
} from '@aws-sdk/client-chime-sdk-meetings';
import { DescribeTableCommand, DescribeTimeToLiveCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { api } from '@parley/testing/api';
import { devstackClients } from '@parley/testing/devstack-clients';
import { sse } from '@parley/testing/sse';
import { afterAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';

interface TailEvent {
  source: string;
  detailType: string;
  detail: { metadata: { eventId: string }; data: Record<string, unknown> };
  at: string;
}

const devstack = inject('devstack');
const http = api(devstack.url);
const aws = devstackClients(devstack);
afterAll(() => aws.destroy());

const newPerson = () => ({
  email: `dev-${randomUUID().slice(0, 8)}@example.com`,
  password: 'a long enough passphrase 42',
  displayName: 'Devstack Check',
});

interface Registered {
  user: { id: string; displayName: string };
  tokens: { accessToken: string };
}

/** Registers a fresh user through identity's public route (the real publisher of identity.UserRegistered). */
async function register(): Promise<Registered> {
  const { status, body } = await http.post<Registered>('/api/identity/auth/register', newPerson());
  expect({ status, body }).toMatchObject({ status: 201, body: { user: { id: expect.any(String) } } });
  return body;
}

/**
 * numbers' consumer of identity.UserRegistered writes its directory copy under this electrodb key
 * (electrodb lower-cases key values by default).
 */
async function numbersDirectoryRow(userId: string) {
  const out = await aws.dynamodb.send(
    new QueryCommand({
      TableName: 'parley-numbers-local',
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: `$numbers#userId_${userId}` } },
    }),
  );
  return out.Items?.[0];
}

/** How long a consumer on the local bus may take (cold serverless-offline workers included). */
const BUS = { timeout: 15_000, interval: 200 };

describe('devstack boots the whole of Parley behind one origin', () => {
  it('given a booted devstack, /_dev/health answers 200 with every service and dependency up', async () => {
    const { status, body } = await http.get<{
      status: string;
      services: Record<string, { status: string }>;
      infrastructure: Record<string, { status: string }>;
    }>('/_dev/health');

    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(Object.keys(body.services).sort()).toEqual(Object.keys(devstack.services).sort());
    for (const component of [...Object.values(body.services), ...Object.values(body.infrastructure)])
      expect(component.status).toBe('up');
  });

  it('when each service health route is called through the proxy, then it answers 200 with the /api/<service> prefix stripped', async () => {
    const services = Object.keys(devstack.services).filter((name) => name !== 'platform');
    expect(services.length).toBeGreaterThan(0);

    for (const service of services) {
      const { status, body } = await http.get<{ service: string; status: string }>(`/api/${service}/health`);
      expect({ service, status }).toEqual({ service, status: 200 });
      expect(body).toMatchObject({ service, status: 'ok' });
    }
  });

  it('given an unknown service or a devstack path that does not exist, then the answer is a 404 JSON error', async () => {
    const unknown = await http.get<{ error: { code: string } }>('/api/nosuchservice/health');
    const missing = await http.get<{ error: { code: string } }>('/_dev/nothing-here');

    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'unknown_service' } } });
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });

  it('serves a page at / (the web client, or its placeholder) and the /_dev console', async () => {
    const home = await fetch(devstack.url);
    const console = await fetch(new URL('/_dev', devstack.url));

    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Parley');
    expect(console.status).toBe(200);
    expect(await console.text()).toContain('/_dev/events');
  });

  it('answers the web client, the API and its own pages with the security headers (no sniffing, no framing)', async () => {
    for (const path of ['/', '/api/identity/health', '/_dev/health']) {
      const res = await fetch(new URL(path, devstack.url));
      await res.arrayBuffer();
      expect([path, res.headers.get('x-content-type-options')]).toEqual([path, 'nosniff']);
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
    }
  });

  it('given another site’s Origin, when it calls the API, then no CORS header lets it read the answer', async () => {
    for (const origin of ['https://evil.example', 'null']) {
      const res = await fetch(new URL('/api/identity/health', devstack.url), { headers: { origin } });
      await res.arrayBuffer();
      expect([origin, res.headers.get('access-control-allow-origin')]).toEqual([origin, null]);
    }
  });
});

describe('events cross services on the local bus', () => {
  it('when identity registers a user, then identity.UserRegistered shows in /_dev/events and numbers consumes it into its table', async () => {
    const tail = await sse<TailEvent>(new URL('/_dev/events', devstack.url).href);
    try {
      const userId = (await register()).user.id;

      const seen = await tail.waitFor(
        (e) => e.detailType === 'identity.UserRegistered' && e.detail.data.userId === userId,
      );
      expect(seen.source).toBe('parley.identity');

      await expect
        .poll(() => numbersDirectoryRow(userId), BUS)
        .toMatchObject({ userId: { S: userId }, displayName: { S: 'Devstack Check' } });
    } finally {
      tail.close();
    }
  });

  it('when an event is put on the bus through POST /_dev/events, then it is tailed (with replay) and consumed exactly once', async () => {
    const registered = (userId: string, eventId: string, displayName: string) => ({
      source: 'parley.identity',
      detailType: 'identity.UserRegistered',
      detail: {
        metadata: { eventId, version: 1, occurredAt: new Date().toISOString(), correlationId: eventId },
        data: {
          userId,
          displayName,
          email: `${userId}@example.com`,
          roles: ['member'],
          registeredAt: new Date().toISOString(),
        },
      },
    });
    const newUserId = () => `u${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const [userId, markerUserId] = [newUserId(), newUserId()];
    const eventId = randomUUID();

    const first = await http.post<{ failedEntryCount: number }>(
      '/_dev/events',
      registered(userId, eventId, 'Bus Check'),
    );
    await expect.poll(() => numbersDirectoryRow(userId), BUS).toMatchObject({ displayName: { S: 'Bus Check' } });
    // the same eventId again, with a name that would show in the row if the consumer applied it twice
    const again = await http.post<{ failedEntryCount: number }>(
      '/_dev/events',
      registered(userId, eventId, 'Bus Check applied twice'),
    );
    // a marker, published after the copy to the same consumer: once its row exists, the copy was handled
    await http.post('/_dev/events', registered(markerUserId, randomUUID(), 'Bus Marker'));
    await expect.poll(() => numbersDirectoryRow(markerUserId), BUS).toBeDefined();

    expect([first.status, first.body.failedEntryCount, again.status, again.body.failedEntryCount]).toEqual([
      200, 0, 200, 0,
    ]);
    expect((await numbersDirectoryRow(userId))?.displayName).toEqual({ S: 'Bus Check' });
    const replayed = await sse<TailEvent>(new URL('/_dev/events?replay=1', devstack.url).href);
    try {
      await expect
        .poll(() => replayed.events.filter((e) => e.detail.metadata?.eventId === eventId), BUS)
        .toHaveLength(2);
    } finally {
      replayed.close();
    }
  });

  it('given a publish request without detail, then it is refused with 400 and nothing is put on the bus', async () => {
    const run = randomUUID();
    const tail = await sse<TailEvent>(new URL('/_dev/events', devstack.url).href);
    try {
      const { status, body } = await http.post<{ error: { code: string } }>('/_dev/events', {
        source: 'parley.devstack-check',
        detailType: `check.Refused-${run}`,
      });
      // a marker published after the refusal: once the tail shows it, the refused one would have shown first
      const marker = await http.post<{ failedEntryCount: number }>('/_dev/events', {
        source: 'parley.devstack-check',
        detailType: `check.Marker-${run}`,
        detail: {},
      });
      await tail.waitFor((e) => e.detailType === `check.Marker-${run}`);

      expect(status).toBe(400);
      expect(body.error.code).toBe('validation_failed');
      expect(marker.body.failedEntryCount).toBe(0);
      expect(tail.events.filter((e) => e.detailType === `check.Refused-${run}`)).toEqual([]);
    } finally {
      tail.close();
    }
  });
});

describe('handlers use DynamoDB Local and s3rver through the environment devstack gives them', () => {
  it('when a user uploads an avatar through the presigned URL identity hands out, then identity reads it back from s3rver and stores it in DynamoDB', async () => {
    const token = (await register()).tokens.accessToken;
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c80000000049454e44ae426082',
      'hex',
    );

    const upload = await http.post<{ avatarId: string; uploadUrl: string }>(
      '/api/identity/me/avatar',
      { contentType: 'image/png', size: png.length },
      { token },
    );
    expect(upload.status).toBe(201);
    const put = await fetch(upload.body.uploadUrl, {
      method: 'PUT',
      body: png,
      headers: { 'content-type': 'image/png', origin: devstack.url },
    });
    expect(put.status).toBe(200);

    const updated = await http.patch<{ avatarUrl?: string }>(
      '/api/identity/me',
      { avatarId: upload.body.avatarId },
      { token },
    );
    expect(updated.status).toBe(200);
    const me = await http.get<{ avatarUrl?: string }>('/api/identity/me', { token });
    expect(me.body.avatarUrl).toBeDefined();
    const download = await fetch(me.body.avatarUrl as string);
    expect(Buffer.from(await download.arrayBuffer()).equals(png)).toBe(true);
  });

  it('tables are created from the service templates, with their indexes and TTL', async () => {
    const { Table } = await aws.dynamodb.send(new DescribeTableCommand({ TableName: 'parley-numbers-local' }));
    const ttl = await aws.dynamodb.send(new DescribeTimeToLiveCommand({ TableName: 'parley-numbers-local' }));

    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toContain('gsi1');
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
  });

  it('a bucket created from a template answers a browser preflight from the devstack origin', async () => {
    const preflight = await fetch(
      `${devstack.endpoints.AWS_ENDPOINT_URL_S3}/parley-local-identity-avatars-eu-central-1/avatars/x`,
      {
        method: 'OPTIONS',
        headers: {
          origin: devstack.url,
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'content-type',
        },
      },
    );

    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
  });

  it('s3rver knows the devstack credentials: a presigned PUT and GET round-trip, a URL signed with other keys is refused', async () => {
    const bucket = `devstack-check-${randomUUID().slice(0, 8)}`;
    await aws.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const putUrl = await getSignedUrl(
      aws.s3,
      new PutObjectCommand({ Bucket: bucket, Key: 'hello.txt', ContentType: 'text/plain' }),
      { expiresIn: 60 },
    );
    const getUrl = await getSignedUrl(aws.s3, new GetObjectCommand({ Bucket: bucket, Key: 'hello.txt' }), {
      expiresIn: 60,
    });

    const put = await fetch(putUrl, { method: 'PUT', body: 'hello parley', headers: { 'content-type': 'text/plain' } });
    const get = await fetch(getUrl);
    const stranger = new S3Client({
      region: devstack.region,
      endpoint: devstack.endpoints.AWS_ENDPOINT_URL_S3,
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIASTRANGER', secretAccessKey: 'nope' },
    });
    const foreign = await fetch(
      await getSignedUrl(stranger, new GetObjectCommand({ Bucket: bucket, Key: 'hello.txt' })),
    );
    stranger.destroy();

    expect(put.status).toBe(200);
    expect(await get.text()).toBe('hello parley');
    expect(foreign.status).toBe(403);
  });
});

describe('the WebSocket is reachable at /ws', () => {
  const wsUrl = (token: string) => `${devstack.url.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`;

  it('given a bad token, then the handshake is refused', async () => {
    const refused = await new Promise<number>((resolve) => {
      const socket = new WebSocket(wsUrl('not-a-token'));
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => {
        socket.close();
        resolve(101);
      });
      socket.on('error', () => {});
    });

    expect([401, 403]).toContain(refused);
  });

  it('given a valid access token, when the client pings, then it gets a pong through the proxy', async () => {
    const socket = new WebSocket(wsUrl((await register()).tokens.accessToken));
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      });
      const pong = new Promise<{ type: string }>((resolve) =>
        socket.on('message', (data) => resolve(JSON.parse(String(data)))),
      );
      socket.send(JSON.stringify({ action: 'ping' }));

      expect((await pong).type).toBe('pong');
    } finally {
      socket.close();
    }
  });
});

describe('the Chime SDK Meetings emulator is reachable through the endpoints /_dev/health lists', () => {
  it('given the health endpoints, when the real SDK client creates and gets a meeting, then its SignalingUrl answers through the origin and MeetingStarted reaches the bus', async () => {
    const { body } = await http.get<{ endpoints: Record<string, string> }>('/_dev/health');
    expect(Object.keys(body.endpoints).sort()).toEqual(
      [
        'chime-sdk-meetings',
        'chime-sdk-voice',
        'dynamodb',
        'eventbridge',
        's3',
        'sesv2',
        'sns',
        'socialmessaging',
        'pinpoint-sms-voice-v2',
        'ssm',
      ].sort(),
    );
    const chime = new ChimeSDKMeetingsClient({
      region: devstack.region,
      credentials: devstack.credentials,
      endpoint: body.endpoints['chime-sdk-meetings'],
    });
    const tail = await sse<{ source: string; detailType: string; detail: Record<string, unknown> }>(
      new URL('/_dev/events', devstack.url).href,
    );
    try {
      const created = await chime.send(
        new CreateMeetingWithAttendeesCommand({
          MediaRegion: 'eu-central-1',
          ExternalMeetingId: `devstack-${randomUUID().slice(0, 8)}`,
          Attendees: [{ ExternalUserId: 'devstack-check' }],
        }),
      );
      const MeetingId = created.Meeting?.MeetingId as string;
      const got = await chime.send(new GetMeetingCommand({ MeetingId }));
      expect(got.Meeting?.MediaPlacement?.SignalingUrl).toBe(
        `${devstack.url.replace(/^http/, 'ws')}/_dev/chime/meetings/${MeetingId}/signal`,
      );

      const token = created.Attendees?.[0]?.JoinToken as string;
      const socket = new WebSocket(
        `${got.Meeting?.MediaPlacement?.SignalingUrl}?joinToken=${encodeURIComponent(token)}`,
      );
      const joined = await new Promise<{ type: string; meetingId: string }>((resolve, reject) => {
        socket.once('message', (data) => resolve(JSON.parse(String(data))));
        socket.once('error', reject);
      });
      expect(joined).toMatchObject({ type: 'joined', meetingId: MeetingId });
      socket.close();

      const started = await tail.waitFor((e) => e.source === 'aws.chime' && e.detail.meetingId === MeetingId);
      expect(started).toMatchObject({
        detailType: 'Chime Meeting State Change',
        detail: { eventType: 'chime:MeetingStarted' },
      });
      await chime.send(new DeleteMeetingCommand({ MeetingId }));
    } finally {
      tail.close();
      chime.destroy();
    }
  });
});
