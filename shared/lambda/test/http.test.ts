import { type HttpEventInput, httpEvent } from '@parley/testing/events';
import { lambdaContext } from '@parley/testing/lambda-context';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { HttpError } from '../src/errors.ts';
import { allowedOriginsOf, created, httpHandler, ok, queryInt } from '../src/http.ts';

const context = lambdaContext({ functionName: 'test' });
const post = (input: Omit<HttpEventInput, 'method' | 'path'> = {}) =>
  httpEvent({ method: 'POST', path: '/things', ...input });

class ThingNotFound extends Error {
  override name = 'ThingNotFound';
}

const createThing = httpHandler({
  body: z.strictObject({ name: z.string().min(1).max(10), count: z.number().int() }),
  errors: { ThingNotFound: 404 },
}).handler(async (event) => {
  if (event.body.name === 'missing') throw new ThingNotFound('No such thing.');
  if (event.body.name === 'boom') throw new Error('database password is hunter2');
  return created({ thing: event.body });
});

describe('httpHandler', () => {
  it('given a valid body, when invoked, then the handler sees the parsed body', async () => {
    const event = post({ body: JSON.stringify({ name: 'a', count: 2 }) });
    const res = await createThing(event, context);
    expect(res.statusCode).toBe(201);
    expect(JSON.parse(res.body as string)).toEqual({ thing: { name: 'a', count: 2 } });
    expect(res.headers?.['x-correlation-id']).toBe(event.requestContext.requestId);
  });

  it('given a body that is not JSON, when invoked, then 400 invalid_json', async () => {
    const res = await createThing(post({ body: '{"name": ' }), context);
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body as string).error.code).toBe('invalid_json');
  });

  it('given a raw handler and a form body (base64-encoded by API Gateway), when invoked, then it reads the text unparsed', async () => {
    const echo = httpHandler({ raw: true }).handler(async (event) =>
      ok({ raw: event.rawBody, body: event.body ?? null }),
    );
    const event = { ...post(), body: Buffer.from('From=%2B1&Body=hi').toString('base64'), isBase64Encoded: true };
    const res = await echo(event, context);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body as string)).toEqual({ raw: 'From=%2B1&Body=hi', body: null });
  });

  it('given a schema violation, when invoked, then 400 validation_failed with one detail per problem', async () => {
    const res = await createThing(
      post({ body: JSON.stringify({ name: 'far too long a name', count: 'x', extra: 1 }) }),
      context,
    );
    expect(res.statusCode).toBe(400);
    const { error } = JSON.parse(res.body as string);
    expect(error.code).toBe('validation_failed');
    const paths = error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'count']));
    expect(error.details.some((d: { code: string }) => d.code === 'unrecognized_keys')).toBe(true);
  });

  it('given a missing body, when the schema needs one, then 400 not 500', async () => {
    const res = await createThing(post({ body: undefined }), context);
    expect(res.statusCode).toBe(400);
  });

  it('given a mapped domain error, when thrown, then its status and a snake_case code', async () => {
    const res = await createThing(post({ body: JSON.stringify({ name: 'missing', count: 1 }) }), context);
    expect(res.statusCode).toBe(404);
    expect(JSON.parse(res.body as string)).toEqual({ error: { code: 'thing_not_found', message: 'No such thing.' } });
  });

  it('given an unexpected error, when thrown, then 500 without leaking its message', async () => {
    const res = await createThing(post({ body: JSON.stringify({ name: 'boom', count: 1 }) }), context);
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('hunter2');
  });

  it('given an HttpError with headers, when thrown, then status, code and headers pass through', async () => {
    const throttled = httpHandler().handler(async () => {
      throw new HttpError(429, 'too_many_attempts', 'Slow down.', undefined, { 'retry-after': '30' });
    });
    const res = await throttled(post(), context);
    expect(res.statusCode).toBe(429);
    expect(res.headers?.['retry-after']).toBe('30');
  });

  it('given a query schema, when values are strings, then they are coerced and checked', async () => {
    const list = httpHandler({
      query: z.strictObject({ limit: z.coerce.number().int().max(100).default(20) }),
    }).handler(async (event) => ok({ limit: event.queryStringParameters.limit }));
    const good = await list(httpEvent({ query: { limit: '5' } }), context);
    expect(JSON.parse(good.body as string)).toEqual({ limit: 5 });
    const bad = await list(httpEvent({ query: { limit: '500' } }), context);
    expect(bad.statusCode).toBe(400);
  });

  it('given queryInt, when a value is not plain decimal digits, then 400 and the handler never runs', async () => {
    const seen: number[] = [];
    const list = httpHandler({ query: z.strictObject({ afterSeq: queryInt({ min: 0 }).default(0) }) }).handler(
      async (event) => {
        seen.push(event.queryStringParameters.afterSeq);
        return ok({});
      },
    );
    for (const value of ['0', '16', '9007199254740991']) {
      expect((await list(httpEvent({ query: { afterSeq: value } }), context)).statusCode).toBe(200);
    }
    expect((await list(httpEvent({}), context)).statusCode).toBe(200);
    expect(seen).toEqual([0, 16, 9007199254740991, 0]);
    for (const value of ['0x10', ' ', '%20', '', '1e3', '1.0', '+5', '010', '-0', ' 5', '5 ', 'Infinity', '0b1']) {
      const res = await list(httpEvent({ query: { afterSeq: value } }), context);
      expect(res.statusCode, JSON.stringify(value)).toBe(400);
    }
    expect(seen).toHaveLength(4);
  });

  it('given an allowed Origin, when answered, then CORS headers name that origin only', async () => {
    vi.stubEnv('ALLOWED_ORIGINS', 'http://localhost:3000, https://app.parley.example');
    const handler = httpHandler().handler(async () => ok({}));
    vi.unstubAllEnvs();
    const res = await handler(httpEvent({ headers: { origin: 'http://localhost:3000' } }), context);
    expect(res.headers?.['access-control-allow-origin']).toBe('http://localhost:3000');
    const other = await handler(httpEvent({ headers: { origin: 'https://evil.example' } }), context);
    expect(other.headers?.['access-control-allow-origin']).toBeUndefined();
  });

  it('given a refused request from an allowed Origin, when answered, then the error carries CORS headers too', async () => {
    vi.stubEnv('ALLOWED_ORIGINS', 'http://localhost:3000');
    const handler = httpHandler({ body: z.strictObject({ name: z.string() }) }).handler(async () => ok({}));
    vi.unstubAllEnvs();
    const res = await handler(post({ headers: { origin: 'http://localhost:3000' }, body: '{}' }), context);
    expect(res.statusCode).toBe(400);
    expect(res.headers?.['access-control-allow-origin']).toBe('http://localhost:3000');
  });

  it('given ALLOWED_ORIGINS changes after init, when a request arrives, then the origins read at init still apply', async () => {
    vi.stubEnv('ALLOWED_ORIGINS', 'https://first.example');
    const handler = httpHandler().handler(async () => ok({}));
    vi.stubEnv('ALLOWED_ORIGINS', 'https://second.example');
    const first = await handler(httpEvent({ headers: { origin: 'https://first.example' } }), context);
    const second = await handler(httpEvent({ headers: { origin: 'https://second.example' } }), context);
    vi.unstubAllEnvs();
    expect(first.headers?.['access-control-allow-origin']).toBe('https://first.example');
    expect(second.headers?.['access-control-allow-origin']).toBeUndefined();
  });

  it('given ALLOWED_ORIGINS unset or with blanks, when parsed, then only the named origins remain', () => {
    expect(allowedOriginsOf({})).toEqual([]);
    expect(allowedOriginsOf({ ALLOWED_ORIGINS: ' https://a.example ,,https://b.example ' })).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });
});
