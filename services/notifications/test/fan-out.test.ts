import { parseServerFrame } from '@parley/realtime/frames';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { connect } from '../src/domain/connections.ts';
import { deliverEvent } from '../src/domain/fan-out.ts';
import { audienceConsumer } from '../src/handlers/events/audience-consumer.ts';
import { world } from './fakes.ts';

const context = {
  functionName: 'notifications-onAudienceEvent',
  awsRequestId: 'r',
  getRemainingTimeInMillis: () => 5000,
} as unknown as Context;
const HOUR = 3600;

async function connected(w: ReturnType<typeof world>, userId: string, connectionId: string) {
  const expiresAt = Math.floor(w.clock.now().getTime() / 1000) + 2 * HOUR;
  await w.connections.add(userId, { connectionId, expiresAt }, w.clock.now());
}

function messageSent(eventId: string, audience: string[], data: Record<string, unknown> = {}) {
  return {
    version: '0',
    id: `eb-${eventId}`,
    'detail-type': 'messaging.MessageSent',
    source: 'parley.messaging',
    account: '000000000000',
    time: '2026-11-22T10:00:00Z',
    region: 'eu-central-1',
    resources: [],
    detail: {
      metadata: { eventId, version: 1, occurredAt: '2026-11-22T10:00:00.000Z', correlationId: 'c-1' },
      audience,
      data: { conversationId: 'c1', messageId: 'm1', seq: 1, senderId: 'ana', preview: 'hi', ...data },
    },
  };
}

describe('fan-out of audience events', () => {
  it('given an audience with live connections, when an event arrives, then each connection gets one frame {id, type, v, at, data}', async () => {
    // Prepare
    const w = world({ conversations: { c1: ['ana', 'ben'] } });
    await connected(w, 'ana', 'a-1');
    await connected(w, 'ben', 'b-1');
    await connected(w, 'ben', 'b-2');
    // Act
    const result = await deliverEvent(w, {
      eventId: 'e-1',
      detailType: 'messaging.MessageSent',
      version: 1,
      occurredAt: '2026-11-22T10:00:00.000Z',
      audience: ['ana', 'ben'],
      data: { conversationId: 'c1', seq: 1 },
    });
    // Assess
    expect(result).toMatchObject({ sent: 3, gone: 0, offline: [] });
    expect(w.gateway.posts.map((p) => p.connectionId).sort()).toEqual(['a-1', 'b-1', 'b-2']);
    const frame = parseServerFrame(w.gateway.posts[0]?.payload ?? '');
    expect(frame).toEqual({
      id: 'e-1',
      type: 'messaging.MessageSent',
      v: 1,
      at: '2026-11-22T10:00:00.000Z',
      data: { conversationId: 'c1', seq: 1 },
    });
  });

  it('given a connection that answers 410, when an event is fanned out, then that connection is deleted and its user goes offline', async () => {
    const w = world({ conversations: { c1: ['ana', 'ben'] } });
    await connected(w, 'ana', 'a-1');
    await connected(w, 'ben', 'b-dead');
    w.gateway.gone.add('b-dead');

    const result = await deliverEvent(w, {
      eventId: 'e-2',
      detailType: 'messaging.MessageSent',
      version: 1,
      occurredAt: '2026-11-22T10:00:00.000Z',
      audience: ['ana', 'ben'],
      data: {},
    });

    expect(result).toMatchObject({ sent: 1, gone: 1 });
    expect(w.connections.raw.get('ben')?.conns.has('b-dead')).toBe(false);
    expect(w.publisher.presence).toEqual([
      { data: expect.objectContaining({ userId: 'ben', status: 'offline' }), audience: ['ana'] },
    ]);
  });

  it('given a 410 from a connection whose $connect just happened, when fanned out, then it is kept (the handshake is still finishing)', async () => {
    const w = world();
    await connect(w, { userId: 'ben', connectionId: 'b-new', ttlSeconds: 7800 });
    w.gateway.gone.add('b-new');
    w.clock.advance(5_000);

    const early = await deliverEvent(w, {
      eventId: 'e-10',
      detailType: 'x.Y',
      version: 1,
      occurredAt: '2026-11-22T10:00:05.000Z',
      audience: ['ben'],
      data: {},
    });
    w.clock.advance(60_000);
    const late = await deliverEvent(w, {
      eventId: 'e-11',
      detailType: 'x.Y',
      version: 1,
      occurredAt: '2026-11-22T10:01:05.000Z',
      audience: ['ben'],
      data: {},
    });

    expect(early).toMatchObject({ gone: 1, offline: [] });
    expect(late).toMatchObject({ gone: 1, offline: [] });
    expect(w.connections.raw.get('ben')?.conns.has('b-new')).toBe(false);
  });

  it('given one connection failing for another reason, when fanned out, then the others still get the frame and the failure is counted, not thrown', async () => {
    const w = world();
    await connected(w, 'ana', 'a-1');
    await connected(w, 'ben', 'b-1');
    w.gateway.failing.add('a-1');

    const result = await deliverEvent(w, {
      eventId: 'e-3',
      detailType: 'x.Y',
      version: 1,
      occurredAt: '2026-11-22T10:00:00.000Z',
      audience: ['ana', 'ben'],
      data: {},
    });

    expect(result).toMatchObject({ sent: 1, failed: 1, gone: 0 });
    expect(w.connections.raw.get('ana')?.conns.has('a-1')).toBe(true);
  });

  it('given data far over 32 KB, when fanned out, then the frame stays under 32 KB, keeps the small fields and says truncated', async () => {
    const w = world();
    await connected(w, 'ben', 'b-1');

    await deliverEvent(w, {
      eventId: 'e-4',
      detailType: 'messaging.MessageSent',
      version: 1,
      occurredAt: '2026-11-22T10:00:00.000Z',
      audience: ['ben'],
      data: { conversationId: 'c1', seq: 7, text: 'x'.repeat(100_000), attachments: [{ big: 'y'.repeat(40_000) }] },
    });

    const payload = w.gateway.posts[0]?.payload ?? '';
    expect(Buffer.byteLength(payload)).toBeLessThan(32 * 1024);
    expect(parseServerFrame(payload)).toMatchObject({
      id: 'e-4',
      truncated: true,
      data: { conversationId: 'c1', seq: 7 },
    });
    expect(parseServerFrame(payload)?.data).not.toHaveProperty('text');
  });

  it('given an eventId already delivered, when the bus delivers it again, then the same frame goes out with the same id (clients drop it), with no idempotency record', async () => {
    const w = world();
    await connected(w, 'ben', 'b-1');
    const handler = audienceConsumer(() => ({ deps: w, metrics: { delivered() {} } }));

    await handler(messageSent('e-5', ['ana', 'ben']), context);
    await handler(messageSent('e-5', ['ana', 'ben']), context);

    const frames = w.gateway.posts.map((p) => parseServerFrame(p.payload));
    expect(frames.map((f) => f?.id)).toEqual(['e-5', 'e-5']);
    expect(frames[1]).toEqual(frames[0]);
  });

  it('given an event without a valid envelope, when consumed, then it is refused (to the DLQ after retries) and nothing is sent', async () => {
    const w = world();
    await connected(w, 'ben', 'b-1');
    const handler = audienceConsumer(() => ({ deps: w, metrics: { delivered() {} } }));
    const broken = messageSent('e-7', ['ben']);
    (broken.detail as Record<string, unknown>).metadata = { eventId: 'e-7' };

    await expect(handler(broken, context)).rejects.toThrow(/failed validation/);
    expect(w.gateway.posts).toHaveLength(0);
  });

  it('given a MessageSent to an offline recipient who opted in to SMS, when consumed, then one digest is queued for them only', async () => {
    const w = world();
    await connected(w, 'ana', 'a-1');
    await w.preferences.put('ben', {
      smsOnMissedCall: true,
      smsOnVoicemail: true,
      smsOnMessageWhenOffline: true,
      offlineDelayMinutes: 5,
    });
    await w.preferences.put('cleo', {
      smsOnMissedCall: true,
      smsOnVoicemail: true,
      smsOnMessageWhenOffline: false,
      offlineDelayMinutes: 5,
    });
    const handler = audienceConsumer(() => ({ deps: w, metrics: { delivered() {} } }));

    await handler(messageSent('e-8', ['ana', 'ben', 'cleo']), context);

    expect([...w.digests.items.keys()]).toEqual(['ben']);
    expect(w.digests.items.get('ben')).toMatchObject({ messageCount: 1, dueAt: '2026-11-22T10:05:00.000Z' });
  });

  it('given a calling event with a callId, when consumed, then its audience become participants of that call', async () => {
    const w = world();
    const handler = audienceConsumer(() => ({ deps: w, metrics: { delivered() {} } }));
    const ringing = {
      ...messageSent('e-9', ['ana', 'ben'], { callId: 'call-1' }),
      source: 'parley.calling',
      'detail-type': 'calling.CallRinging',
    };

    await handler(ringing, context);

    expect((await w.calls.participantsOf('call-1')).sort()).toEqual(['ana', 'ben']);
  });
});
