import { CallMissed, CallRinging } from '@parley/events/calling';
import { ProfileUpdated, UserRegistered } from '@parley/events/identity';
import { PresenceChanged } from '@parley/events/notifications';
import type { RawBusEvent } from '@parley/lambda/events';
import { memoryIdempotencyStore } from '@parley/lambda/idempotency';
import { busEvent, httpEvent } from '@parley/testing/events';
import { lambdaContext } from '@parley/testing/lambda-context';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryDeps } from './memory.ts';

type Http = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
type Bus = (event: RawBusEvent, context: Context) => Promise<void>;

const people = [
  { userId: 'u-ana', displayName: 'Ana' },
  { userId: 'u-bea', displayName: 'Bea', timeZone: 'Asia/Singapore' },
  { userId: 'u-cai', displayName: 'Cai' },
];
let deps = memoryDeps(people);
let idempotency = memoryIdempotencyStore();
const handlers: Record<string, Http> = {};
const consumers: Record<string, Bus> = {};
const context = (name: string) => lambdaContext({ functionName: `parley-calling-test-${name}` });

async function send(name: string, userId: string, input: Parameters<typeof httpEvent>[0] = {}) {
  const res = await (handlers[name] as Http)(httpEvent({ ...input, auth: { userId } }), context(name));
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
}
const start = (userId: string, body: unknown) => send('start-call', userId, { method: 'POST', path: '/calls', body });
const onCall = (name: string, userId: string, callId: string, body?: unknown) =>
  send(name, userId, { method: 'POST', pathParameters: { callId }, ...(body ? { body } : {}) });

beforeAll(async () => {
  vi.stubEnv('TABLE_NAME', 'unit-test-table');
  vi.stubEnv('EVENT_BUS_NAME', 'unit-test-bus');
  // the handlers' wiring, with in-memory ports instead of DynamoDB, Chime and EventBridge
  vi.doMock('../src/wiring/index.ts', () => ({ core: () => deps, idempotency: () => idempotency }));
  vi.doMock('../src/wiring/calls.ts', () => ({ calling: () => deps }));
  vi.doMock('../src/wiring/pstn.ts', () => ({ pstn: () => deps }));
  vi.doMock('../src/wiring/audio.ts', () => ({ voicemail: () => deps }));
  for (const name of [
    'start-call',
    'answer-call',
    'decline-call',
    'hangup-call',
    'get-call',
    'list-calls',
    'mark-calls-seen',
    'get-settings',
    'put-settings',
  ]) {
    handlers[name] = (await import(`../src/handlers/http/${name}.ts`)).handler;
  }
  for (const name of [
    'on-user-registered',
    'on-profile-updated',
    'ring-timer',
    'on-meeting-event',
    'on-presence-changed',
  ]) {
    consumers[name] = (await import(`../src/handlers/events/${name}.ts`)).handler;
  }
});
beforeEach(() => {
  deps = memoryDeps(people);
  idempotency = memoryIdempotencyStore();
});

describe('the call routes', () => {
  it('given a known callee, when POST /calls, then 201 with the call and the caller’s join', async () => {
    const res = await start('u-ana', { to: { userId: 'u-bea' }, media: 'audio' });

    expect(res.status).toBe(201);
    expect(res.body.call).toMatchObject({ state: 'ringing', direction: 'outgoing', calleeId: 'u-bea' });
    expect(res.body.join.attendee).toMatchObject({ ExternalUserId: 'u-ana' });
    expect([...deps.meetings.live.values()][0]?.mediaRegion).toBe('ap-southeast-1');
  });

  it('given bad input, when POST /calls, then 4xx with the error code and nothing is created', async () => {
    const answers = [
      await start('u-ana', { to: { userId: 'u-bea' }, media: 'fax' }),
      await start('u-ana', { to: { userId: 'u-bea' }, media: 'audio', extra: true }),
      await start('u-ana', { to: { userId: 'u-bea', name: 'Bea' }, media: 'audio' }),
      await start('u-ana', { to: { userId: 'u-nobody' }, media: 'audio' }),
      await start('u-ana', { to: { userId: 'u-ana' }, media: 'audio' }),
    ];

    expect(answers.map((a) => [a.status, a.body.error.code])).toEqual([
      [400, 'validation_failed'],
      [400, 'validation_failed'],
      [400, 'validation_failed'],
      [404, 'user_not_found'],
      [422, 'cannot_call_yourself'],
    ]);
    expect(deps.calls.calls.size).toBe(0);
    expect(deps.events.published).toEqual([]);
  });

  it("given Bea's call to Ana rings, when Ana calls Bea, then 200 with that call answered", async () => {
    const first = await start('u-bea', { to: { userId: 'u-ana' }, media: 'video' });

    const res = await start('u-ana', { to: { userId: 'u-bea' }, media: 'audio' });

    expect(res.status).toBe(200);
    expect(res.body.call).toMatchObject({ id: first.body.call.id, state: 'active', direction: 'incoming' });
  });

  it('given a ringing call, when answered twice, then 200 then 409 call_not_ringing; a stranger gets 404 on every route', async () => {
    const { body } = await start('u-ana', { to: { userId: 'u-bea' }, media: 'audio' });
    const callId = body.call.id as string;

    expect((await onCall('answer-call', 'u-bea', callId, { media: 'audio' })).status).toBe(200);
    const late = await onCall('answer-call', 'u-bea', callId);
    expect([late.status, late.body.error.code]).toEqual([409, 'call_not_ringing']);
    for (const name of ['answer-call', 'decline-call', 'hangup-call']) {
      expect((await onCall(name, 'u-cai', callId)).status, name).toBe(404);
    }
    const read = await send('get-call', 'u-cai', { pathParameters: { callId } });
    expect([read.status, read.body.error.code]).toEqual([404, 'call_not_found']);
    expect((await onCall('answer-call', 'u-bea', callId, { media: 'fax' })).status).toBe(400);
  });

  it('given a ringing call, when the caller tries to decline it, then 403 not_the_callee; the callee declines with 200', async () => {
    const { body } = await start('u-ana', { to: { userId: 'u-bea' }, media: 'audio' });

    const refused = await onCall('decline-call', 'u-ana', body.call.id);
    const declined = await onCall('decline-call', 'u-bea', body.call.id);

    expect([refused.status, refused.body.error.code]).toEqual([403, 'not_the_callee']);
    expect([declined.status, declined.body.call.endReason]).toEqual([200, 'declined']);
  });

  it('given calls, when GET /calls and POST /calls/seen, then the log with its count, then 204', async () => {
    const { body } = await start('u-ana', { to: { userId: 'u-bea' }, media: 'audio' });
    await onCall('hangup-call', 'u-ana', body.call.id);

    const log = await send('list-calls', 'u-bea', { query: { limit: '10' } });
    const seen = await send('mark-calls-seen', 'u-bea', { method: 'POST' });

    expect(log.status).toBe(200);
    expect(log.body).toEqual({
      items: [expect.objectContaining({ id: body.call.id, endReason: 'cancelled' })],
      unseenMissedCount: 0,
    });
    expect(seen.status).toBe(204);
    expect((await send('list-calls', 'u-bea', { query: { limit: '51' } })).status).toBe(400);
    expect((await send('list-calls', 'u-bea', { query: { before: 'bogus' } })).body.error.code).toBe('invalid_cursor');
  });

  it('given settings, when PUT in range, then stored and read back; out of range, then 400 and unchanged', async () => {
    const put = (body: unknown) => send('put-settings', 'u-bea', { method: 'PUT', body });

    expect((await put({ ringTimeoutSeconds: 10, voicemailEnabled: true })).status).toBe(200);
    expect((await put({ ringTimeoutSeconds: 9, voicemailEnabled: true })).status).toBe(400);
    expect((await put({ ringTimeoutSeconds: 121, voicemailEnabled: true })).status).toBe(400);
    expect((await put({ ringTimeoutSeconds: 30, voicemailEnabled: true, forwardToNumber: '12345' })).status).toBe(400);

    expect((await send('get-settings', 'u-bea')).body).toEqual({ ringTimeoutSeconds: 10, voicemailEnabled: true });
    expect((await send('get-settings', 'u-cai')).body).toEqual({ ringTimeoutSeconds: 30, voicemailEnabled: true });
  });
});

describe('the consumers', () => {
  it("given identity's events, when delivered, then calling knows the person, their new name and time zone", async () => {
    const registered = busEvent(UserRegistered, {
      userId: 'u-dan',
      displayName: 'Dan',
      email: 'dan@example.com',
      roles: ['member'],
      registeredAt: '2026-12-01T09:00:00.000Z',
    });
    const updated = busEvent(ProfileUpdated, {
      userId: 'u-dan',
      displayName: 'Daniel',
      timeZone: 'Europe/Zurich',
      changed: ['displayName', 'timeZone'],
    });

    await (consumers['on-user-registered'] as Bus)(registered as RawBusEvent, context('onUserRegistered'));
    await (consumers['on-profile-updated'] as Bus)(updated as RawBusEvent, context('onProfileUpdated'));

    expect(await deps.directory.get('u-dan')).toEqual({
      userId: 'u-dan',
      displayName: 'Daniel',
      timeZone: 'Europe/Zurich',
    });
  });

  it('given presence changes, when delivered (a late older one too), then calling keeps the newest', async () => {
    const change = (status: 'online' | 'offline', changedAt: string) =>
      busEvent(PresenceChanged, { userId: 'u-dan', status, lastSeenAt: changedAt, changedAt }) as RawBusEvent;
    const consume = consumers['on-presence-changed'] as Bus;

    await consume(change('offline', '2026-12-01T10:00:00.000Z'), context('onPresenceChanged'));
    await consume(change('online', '2026-12-01T10:05:00.000Z'), context('onPresenceChanged'));
    await consume(change('offline', '2026-12-01T10:01:00.000Z'), context('onPresenceChanged'));

    expect(await deps.presence.statusOf('u-dan')).toBe('online');
  });

  it('given a profile with a mobile number, when it is verified, then it names Dan’s calls; unverified or removed, it does not', async () => {
    const profile = (eventId: string, mobile: { mobileNumber?: string; mobileVerified?: boolean }) =>
      busEvent(
        ProfileUpdated,
        { userId: 'u-dan', displayName: 'Dan', ...mobile, changed: ['mobileNumber'] },
        { eventId },
      ) as RawBusEvent;
    const consume = consumers['on-profile-updated'] as Bus;

    await consume(profile('p-1', { mobileNumber: '+41791112233', mobileVerified: false }), context('onProfileUpdated'));
    expect(await deps.directory.byMobile('+41791112233')).toBeUndefined();
    await consume(profile('p-2', { mobileNumber: '+41791112233', mobileVerified: true }), context('onProfileUpdated'));
    expect((await deps.directory.byMobile('+41791112233'))?.displayName).toBe('Dan');
    await consume(profile('p-3', {}), context('onProfileUpdated'));
    expect((await deps.directory.byMobile('+41791112233'))?.displayName).toBe('Dan');
    await consume(profile('p-4', { mobileVerified: false }), context('onProfileUpdated'));
    expect(await deps.directory.byMobile('+41791112233')).toBeUndefined();
  });

  it('given CallRinging of a call whose ring time is over, when the ring timer runs, then the call is missed', async () => {
    const { body } = await start('u-ana', { to: { userId: 'u-bea' }, media: 'audio' });
    const ringing = deps.events.of(CallRinging)[0]?.data as Parameters<typeof busEvent<typeof CallRinging>>[1];
    deps.clock.advance(30);

    await (consumers['ring-timer'] as Bus)(busEvent(CallRinging, ringing) as RawBusEvent, context('ringTimer'));

    expect((await deps.calls.get(body.call.id))?.endReason).toBe('missed');
    expect(deps.events.of(CallMissed)).toHaveLength(1);
  });

  it("given Chime's MeetingEnded for an active call, when delivered, then the call is completed; a malformed detail is refused", async () => {
    const { body } = await start('u-ana', { to: { userId: 'u-bea' }, media: 'audio' });
    await onCall('answer-call', 'u-bea', body.call.id);
    const meetingId = (await deps.calls.get(body.call.id))?.meetingId;
    const chime = (detail: Record<string, unknown>) =>
      ({
        version: '0',
        id: crypto.randomUUID(),
        'detail-type': 'Chime Meeting State Change',
        source: 'aws.chime',
        account: '000000000000',
        time: '2026-12-01T10:01:00Z',
        region: 'eu-central-1',
        resources: [],
        detail,
      }) as RawBusEvent;

    await expect(
      (consumers['on-meeting-event'] as Bus)(chime({ version: '0' }), context('onMeetingEvent')),
    ).rejects.toThrow(/failed validation/);
    await (consumers['on-meeting-event'] as Bus)(
      chime({
        version: '0',
        eventType: 'chime:MeetingEnded',
        meetingId,
        externalMeetingId: body.call.id,
        timestamp: 1,
      }),
      context('onMeetingEvent'),
    );

    expect((await deps.calls.get(body.call.id))?.endReason).toBe('completed');
    // deduped on the EventBridge event id, like every consumer
    expect(idempotency.keys().filter((k) => k.includes('onMeetingEvent'))).toHaveLength(1);
  });
});
