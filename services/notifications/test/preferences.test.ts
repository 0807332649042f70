import { httpEvent } from '@parley/testing/events';
import { lambdaContext } from '@parley/testing/lambda-context';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_PREFERENCES,
  getPreferences,
  type PreferencesStore,
  updatePreferences,
} from '../src/domain/preferences.ts';
import { memoryPreferences } from './fakes.ts';

const context = lambdaContext({ functionName: 'notifications-putPreferences' });
const put = (body: string) => httpEvent({ method: 'PUT', path: '/preferences', body, auth: { userId: 'ana' } });

describe('preferences', () => {
  it('given a user who never saved any, when read, then missed-call and voicemail SMS are on and message SMS is off', async () => {
    expect(await getPreferences({ preferences: memoryPreferences() }, 'ana')).toEqual({
      smsOnMissedCall: true,
      smsOnVoicemail: true,
      smsOnMessageWhenOffline: false,
      offlineDelayMinutes: 10,
    });
  });

  it('given saved preferences, when a subset changes, then the other fields keep their value', async () => {
    const deps = { preferences: memoryPreferences() };
    await updatePreferences(deps, { userId: 'ana', changes: { smsOnVoicemail: false } });

    const saved = await updatePreferences(deps, {
      userId: 'ana',
      changes: { smsOnMessageWhenOffline: true, offlineDelayMinutes: 30 },
    });

    expect(saved).toEqual({
      ...DEFAULT_PREFERENCES,
      smsOnVoicemail: false,
      smsOnMessageWhenOffline: true,
      offlineDelayMinutes: 30,
    });
  });

  describe('PUT /preferences with bad input', () => {
    let handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;
    // the handler's stores, swapped for an in-memory one that counts every call
    const calls: string[] = [];
    const preferences = memoryPreferences();
    const counted: PreferencesStore = {
      get(userId) {
        calls.push('get');
        return preferences.get(userId);
      },
      getMany(userIds) {
        calls.push('getMany');
        return preferences.getMany(userIds);
      },
      put(userId, value) {
        calls.push('put');
        return preferences.put(userId, value);
      },
    };
    beforeAll(async () => {
      vi.stubEnv('TABLE_NAME', 'unit-test-table');
      vi.stubEnv('EVENT_BUS_NAME', 'unit-test-bus');
      vi.stubEnv('WEBSOCKET_API_ENDPOINT', 'http://127.0.0.1:4300');
      vi.doMock('../src/wiring/index.ts', async (importOriginal) => ({
        ...(await importOriginal<typeof import('../src/wiring/index.ts')>()),
        stores: () => ({ preferences: counted }),
      }));
      ({ handler } = await import('../src/handlers/http/put-preferences.ts'));
    });
    beforeEach(() => {
      calls.length = 0;
    });

    it('given a valid change, when saved, then 200 and it reaches the store (so the cases below can fail)', async () => {
      const result = (await handler(put('{"smsOnVoicemail":false}'), context)) as { statusCode: number };
      expect(result.statusCode).toBe(200);
      expect(calls).toContain('put');
    });

    const cases: [string, string, string][] = [
      ['a wrong type', '{"smsOnVoicemail":"yes"}', 'validation_failed'],
      ['an unknown field', '{"smsOnVoicemail":true,"phone":"+41"}', 'validation_failed'],
      ['a delay out of range', '{"offlineDelayMinutes":0}', 'validation_failed'],
      ['a fractional delay', '{"offlineDelayMinutes":2.5}', 'validation_failed'],
      ['an empty object', '{}', 'validation_failed'],
      ['no JSON at all', '{"smsOnVoicemail":', 'invalid_json'],
    ];
    for (const [what, body, code] of cases) {
      it(`given ${what}, when saved, then 400 ${code} (and the store is never reached)`, async () => {
        const result = (await handler(put(body), context)) as { statusCode: number; body: string };
        expect(result.statusCode).toBe(400);
        expect(JSON.parse(result.body)).toMatchObject({ error: { code } });
        expect(calls).toEqual([]);
      });
    }
  });
});
