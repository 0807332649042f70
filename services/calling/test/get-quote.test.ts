import { httpEvent } from '@parley/testing/events';
import { lambdaContext } from '@parley/testing/lambda-context';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { PstnUsageStore } from '../src/domain/toll-fraud.ts';

type Http = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const used = new Map<string, { seconds: number; spend: number }>([['u-bea', { seconds: 7200, spend: 3 }]]);
const usage: PstnUsageStore = {
  async today(userId) {
    return used.get(userId) ?? { seconds: 0, spend: 0 };
  },
  async add() {
    throw new Error('a quote records nothing');
  },
};
let handler: Http;

beforeAll(async () => {
  // the handler's wiring, with in-memory usage instead of DynamoDB
  vi.doMock('../src/wiring/pstn.ts', () => ({
    pstn: () => ({ usage, spend: { monthSpend: async () => undefined }, clock: { now: () => new Date() } }),
  }));
  ({ handler } = await import('../src/handlers/http/get-quote.ts'));
});

async function get(userId: string, query: Record<string, string>) {
  const res = await handler(
    httpEvent({ path: '/quote', query, auth: { userId } }),
    lambdaContext({ functionName: 'parley-calling-test-getQuote' }),
  );
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
}

describe('GET /quote', () => {
  it('given an allowed number, then 200 with the quote', async () => {
    const { status, body } = await get('u-ana', { to: '+6581234567' });

    expect(status).toBe(200);
    expect(body).toEqual({
      to: '+6581234567',
      country: 'SG',
      numberType: 'mobile',
      ratePerMinute: 0.018,
      currency: 'USD',
      billing: { firstSeconds: 60, nextSeconds: 60 },
      allowed: true,
      remainingMinutesToday: 120,
    });
  });

  it("given a refused number or the caller's cap reached, then still 200, with allowed false and the reason", async () => {
    expect((await get('u-ana', { to: '+41900123456' })).body).toMatchObject({ allowed: false, reason: 'premium_rate' });
    expect((await get('u-bea', { to: '+6581234567' })).body).toMatchObject({
      allowed: false,
      reason: 'daily_minutes_cap',
      remainingMinutesToday: 0,
    });
  });

  it.each([[{ to: '6581234567' }], [{ to: '+65 8123 4567' }], [{}], [{ to: '+6581234567', country: 'SG' }]])(
    'given the query %o, then 400 validation_failed',
    async (query) => {
      const { status, body } = await get('u-ana', query);

      expect(status).toBe(400);
      expect(body.error.code).toBe('validation_failed');
    },
  );
});
