import { httpEvent } from '@parley/testing/events';
import { lambdaContext } from '@parley/testing/lambda-context';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { searchWorld } from '../../domain/search-test-world.ts';

type Http = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const w = searchWorld();
let handler: Http;
let chat: string;

beforeAll(async () => {
  // the handler's wiring, with the in-memory world instead of DynamoDB
  vi.doMock('../../wiring/index.ts', () => ({ core: () => w.deps }));
  ({ handler } = await import('./search-messages.ts'));
  chat = await w.chat('ana', ['bo']);
  await w.send(chat, 'ana', 'Grüße aus Zürich');
});

async function get(userId: string, query: Record<string, string>) {
  const res = await handler(
    httpEvent({ path: '/search', query, auth: { userId } }),
    lambdaContext({ functionName: 'parley-messaging-test-searchMessages' }),
  );
  return { status: res.statusCode, headers: res.headers ?? {}, body: res.body ? JSON.parse(res.body) : undefined };
}

describe('GET /search', () => {
  it('given a member and a word prefix, then 200 with the hit and its highlight', async () => {
    const { status, body } = await get('bo', { q: 'grusse zur' });
    expect(status).toBe(200);
    expect(body.nextCursor).toBeNull();
    expect(body.items).toEqual([
      expect.objectContaining({
        conversationId: chat,
        senderId: 'ana',
        text: 'Grüße aus Zürich',
        highlights: [
          { start: 0, end: 5 },
          { start: 10, end: 16 },
        ],
      }),
    ]);
  });

  it('given someone else, then 200 with nothing, and 404 for the conversation by id', async () => {
    expect((await get('cy', { q: 'zurich' })).body).toEqual({ items: [], nextCursor: null });
    const named = await get('cy', { q: 'zurich', conversationId: chat });
    expect(named.status).toBe(404);
    expect(named.body.error.code).toBe('conversation_not_found');
  });

  it.each([
    [{}],
    [{ q: 'z' }],
    [{ q: 'x'.repeat(101) }],
    [{ q: 'a b' }],
    [{ q: '  z  ' }],
    [{ q: 'zurich', limit: '51' }],
    [{ q: 'zurich', limit: '0' }],
    [{ q: 'zurich', cursor: 'not a cursor!' }],
    [{ q: 'zurich', conversationId: '../x' }],
    [{ q: 'zurich', page: '2' }],
  ])('given the query %o, then 400 validation_failed', async (query) => {
    const { status, body } = await get('bo', query);
    expect(status).toBe(400);
    expect(body.error.code).toBe('validation_failed');
  });

  it('given a well-formed cursor that this search did not give out, then 400 invalid_cursor', async () => {
    const cursor = Buffer.from(
      JSON.stringify({ p: 'other', c: '', s: '2026-01-01T00:00:00.000Z', i: 'x', q: 1 }),
    ).toString('base64url');
    const { status, body } = await get('bo', { q: 'zurich', cursor });
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_cursor');
  });

  it('given more searches than the window allows, then 429 rate_limited with Retry-After', async () => {
    let last = await get('dan', { q: 'zurich' });
    for (let i = 0; i < w.deps.limits.search.perUser && last.status === 200; i++)
      last = await get('dan', { q: 'zurich' });
    expect(last.status).toBe(429);
    expect(last.body.error.code).toBe('rate_limited');
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
  });
});
