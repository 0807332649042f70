import { httpEvent } from '@parley/testing/events';
import { lambdaContext } from '@parley/testing/lambda-context';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';

const context = lambdaContext({ functionName: 'notifications-getPresence' });
const get = (query: Record<string, string> | undefined) =>
  httpEvent({ method: 'GET', path: '/presence', ...(query ? { query } : {}), auth: { userId: 'ana' } });

describe('GET /presence with bad input', () => {
  let handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;
  beforeAll(async () => {
    vi.stubEnv('TABLE_NAME', 'unit-test-table');
    vi.stubEnv('EVENT_BUS_NAME', 'unit-test-bus');
    vi.stubEnv('WEBSOCKET_API_ENDPOINT', 'http://127.0.0.1:4300');
    ({ handler } = await import('../src/handlers/http/get-presence.ts'));
  });

  const cases: [string, Record<string, string> | undefined][] = [
    ['no userIds', undefined],
    ['an empty list', { userIds: ',' }],
    ['an id with a slash', { userIds: 'ana,../admin' }],
    ['more than 100 ids', { userIds: Array.from({ length: 101 }, (_, i) => `u${i}`).join(',') }],
    ['an unknown parameter', { userIds: 'ana', all: 'true' }],
  ];
  for (const [what, query] of cases) {
    it(`given ${what}, when asked, then 400 validation_failed`, async () => {
      const result = (await handler(get(query), context)) as { statusCode: number; body: string };
      expect(result.statusCode).toBe(400);
      expect(JSON.parse(result.body)).toMatchObject({ error: { code: 'validation_failed' } });
    });
  }
});
