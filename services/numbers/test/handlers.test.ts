import { httpEvent } from '@parley/testing/events';
import { lambdaContext } from '@parley/testing/lambda-context';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { admin, member, world } from './memory.ts';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
const context = lambdaContext({ functionName: 'parley-numbers-test' });
let w: Awaited<ReturnType<typeof world>>;
const handlers: Record<string, Handler> = {};

const call = async (name: string, input: Parameters<typeof httpEvent>[0]) => {
  const res = await (handlers[name] as Handler)(httpEvent(input) as unknown as APIGatewayProxyEventV2, context);
  return { status: res.statusCode, body: JSON.parse(res.body ?? '{}') };
};

describe('numbers HTTP handlers (wiring swapped for in-memory ports)', () => {
  beforeAll(async () => {
    vi.stubEnv('TABLE_NAME', 'unit-test-table');
    vi.stubEnv('EVENT_BUS_NAME', 'unit-test-bus');
    const ports = () => w.deps;
    vi.doMock('../src/wiring/index.ts', () => ({ core: ports, directory: ports, idempotency: () => undefined }));
    vi.doMock('../src/wiring/chime.ts', () => ({ chime: ports }));
    vi.doMock('../src/wiring/publishing.ts', () => ({ publishing: ports }));
    for (const name of ['list-countries', 'list-available', 'import-number', 'put-assignment', 'release-number']) {
      handlers[name] = (await import(`../src/handlers/http/${name}.ts`)).handler;
    }
  });
  beforeEach(async () => {
    w = await world();
  });

  it('given any signed-in user, when listing countries, then 200 with the items', async () => {
    const res = await call('list-countries', { auth: member });

    expect(res.status).toBe(200);
    expect(res.body.items.map((c: { country: string }) => c.country)).toEqual(['CH', 'PA', 'SG', 'US']);
  });

  it('given a non-admin, when importing, then 403 forbidden and nothing is stored', async () => {
    const res = await call('import-number', {
      method: 'POST',
      auth: member,
      body: { e164: '+5072100001', carrier: 'sip-trunk' },
    });

    expect(res).toEqual({ status: 403, body: { error: { code: 'forbidden', message: expect.any(String) } } });
    expect(w.deps.numbers.items.size).toBe(0);
  });

  it('given an admin, when importing a pool number, then 201 {number}; an unknown field is 400', async () => {
    const ok = await call('import-number', {
      method: 'POST',
      auth: admin,
      body: { e164: '+5072100001', carrier: 'sip-trunk' },
    });
    const extra = await call('import-number', {
      method: 'POST',
      auth: admin,
      body: { e164: '+5072100002', carrier: 'sip-trunk', state: 'assigned' },
    });

    expect(ok.status).toBe(201);
    expect(ok.body.number).toMatchObject({ e164: '+5072100001', state: 'available' });
    expect(extra.status).toBe(400);
    expect(w.deps.numbers.items.size).toBe(1);
  });

  it('given a URL-encoded number in the path, when assigning, then it is decoded; a non-E.164 one is 400', async () => {
    await call('import-number', { method: 'POST', auth: admin, body: { e164: '+5072100001', carrier: 'sip-trunk' } });

    const ok = await call('put-assignment', {
      method: 'PUT',
      auth: admin,
      pathParameters: { e164: '%2B5072100001' },
      body: { userId: 'u-ana' },
    });
    const bad = await call('put-assignment', {
      method: 'PUT',
      auth: admin,
      pathParameters: { e164: '5072100001' },
      body: { userId: 'u-ana' },
    });

    expect([ok.status, ok.body.number.assignedTo]).toEqual([200, { userId: 'u-ana', displayName: 'Ana' }]);
    expect(bad.status).toBe(400);
  });

  it('given domain refusals, then their status and snake_case code', async () => {
    const available = await call('list-available', { auth: admin, query: { country: 'FR', type: 'local' } });
    const released = await call('release-number', {
      method: 'DELETE',
      auth: admin,
      pathParameters: { e164: '%2B5072100001' },
    });

    expect([available.status, available.body.error.code]).toEqual([400, 'country_not_offered']);
    expect([released.status, released.body.error.code]).toEqual([404, 'number_not_found']);
  });
});
