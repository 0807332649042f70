import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerFailuresAs500,
  cacheAuthorizerResults,
  patchHttpApiEvents,
  REQUEST_ID_HEADER,
  shareRequestId,
} from '../plugin/api-gateway.cjs';

// serverless-offline's own classes, patched as the devstack plugin patches them on `offline start`,
// running real handler files from a temporary service directory.
interface OfflineLambda {
  setEvent(event: unknown): void;
  runHandler(): Promise<unknown>;
  cleanup(): Promise<void>;
}
type LambdaClass = new (key: string, definition: object, serverless: object, options: object) => OfflineLambda;
type EventV2Class = new (request: object, stage: string, routeKey: string, extra?: object) => { create(): unknown };

const offline = dirname(createRequire(import.meta.url).resolve('serverless-offline'));
const load = async <T>(file: string) =>
  ((await import(pathToFileURL(join(offline, file)).href)) as { default: T }).default;
const dir = mkdtempSync(join(tmpdir(), 'devstack-apigw-'));
const serverless = {
  service: { service: 'svc', provider: { region: 'eu-central-1', runtime: 'nodejs20.x' }, package: {} },
  config: { serverlessPath: dir, servicePath: dir },
  serviceDir: dir,
};

describe('devstack answers failed HTTP API handlers as API Gateway does', () => {
  let LambdaFunction: LambdaClass;
  let EventV2: EventV2Class;
  const failures: string[] = [];
  let clock = 1_000_000;
  const running: OfflineLambda[] = [];

  beforeAll(async () => {
    writeFileSync(
      join(dir, 'broken.mjs'),
      "throw new Error('cannot load: no config');\nexport const main = () => 1;\n",
    );
    writeFileSync(
      join(dir, 'ok.mjs'),
      [
        'export const main = async (event) => ({ statusCode: 201, body: JSON.stringify({ path: event.rawPath }) });',
        "export const boom = async () => { throw new Error('handler threw'); };",
        'export const echo = async (event) => ({ requestId: event.requestContext.requestId, headers: event.headers });',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'auth.mjs'),
      [
        'let runs = 0;',
        'export const allow = async (event) => ({ isAuthorized: true, context: { run: ++runs, token: event.identitySource[0] } });',
        'export const deny = async () => ({ isAuthorized: false, context: { run: ++runs } });',
        'let tries = 0;',
        "export const flaky = async () => { if (++tries === 1) throw new Error('identity down'); return { isAuthorized: true, context: { run: ++runs } }; };",
      ].join('\n'),
    );
    LambdaFunction = await load<LambdaClass>('lambda/LambdaFunction.js');
    EventV2 = await load<EventV2Class>('events/http/lambda-events/LambdaProxyIntegrationEventV2.js');
    patchHttpApiEvents(EventV2);
    answerFailuresAs500(LambdaFunction, (name, err) => failures.push(`${name}: ${(err as Error).message}`));
    cacheAuthorizerResults(
      LambdaFunction,
      new Map([
        ['svc-auth.allow', 60],
        ['svc-auth.deny', 60],
        ['svc-auth.flaky', 60],
      ]),
      () => clock,
    );
  });
  afterAll(() => Promise.all(running.map((f) => f.cleanup())));

  /** An HTTP API 2.0 event as offline builds it from a hapi request. */
  const httpEvent = (headers: Record<string, string> = { accept: 'application/json' }) =>
    new EventV2(
      {
        payload: undefined,
        raw: { req: { rawHeaders: Object.entries(headers).flat() } },
        params: {},
        headers,
        info: { received: Date.now(), remoteAddress: '127.0.0.1' },
        method: 'get',
        url: new URL('http://localhost/items'),
      },
      '$default',
      'GET /items',
    ).create();
  const run = (handler: string, event: unknown) => {
    const fn = new LambdaFunction('fn', { handler, name: `svc-${handler}` }, serverless, {
      useInProcess: true,
      noTimeout: true,
    });
    running.push(fn);
    fn.setEvent(event);
    return fn.runHandler();
  };

  it('given a handler module that fails to load, when an HTTP API route calls it, then 500 {"message":"Internal Server Error"} and the error is logged', async () => {
    const result = await run('broken.main', httpEvent());

    expect(result).toEqual({
      statusCode: 500,
      headers: { 'Content-Type': 'application/json' },
      body: '{"message":"Internal Server Error"}',
      isBase64Encoded: false,
    });
    expect(failures).toContain('svc-broken.main: cannot load: no config');
  });

  it('given a handler that throws, when an HTTP API route calls it, then 500 without the error in the body', async () => {
    const result = (await run('ok.boom', httpEvent())) as { statusCode: number; body: string };

    expect([result.statusCode, JSON.parse(result.body)]).toEqual([500, { message: 'Internal Server Error' }]);
  });

  it('given a handler that answers, when an HTTP API route calls it, then its answer is unchanged', async () => {
    expect(await run('ok.main', httpEvent())).toEqual({ statusCode: 201, body: '{"path":"/items"}' });
  });

  it('given an event that is not an HTTP API one (a Lambda invoke), when the handler throws, then the error still reaches the caller', async () => {
    await expect(run('ok.boom', { InvocationEventType: 'NEW_INBOUND_CALL' })).rejects.toThrow('handler threw');
  });

  it('given two HTTP API events, then each has its own requestContext.requestId', () => {
    const ids = [httpEvent(), httpEvent()].map(
      (e) => (e as { requestContext: { requestId: string } }).requestContext.requestId,
    );

    expect(ids[0]).not.toBe(ids[1]);
    expect(ids[0]).not.toBe('offlineContext_resourceId');
  });

  it("given the origin's request id, when the authorizer and then the route run, then both events carry it as requestContext.requestId and neither sees the header", async () => {
    const headers = { authorization: 'Bearer t', [REQUEST_ID_HEADER]: 'Yt8VHjE0FiAEMsQ=' };
    // the authorizer's event as offline builds it (createAuthScheme: payload 2.0, a constant request id)
    const authorizerEvent = {
      version: '2.0',
      headers: { ...headers },
      requestContext: { requestId: 'random-request-id' },
    };
    const seenByAuthorizer = (await run('ok.echo', authorizerEvent)) as { requestId: string; headers: object };
    const seenByRoute = (await run('ok.echo', httpEvent(headers))) as { requestId: string; headers: object };
    for (const seen of [seenByAuthorizer, seenByRoute]) {
      expect(seen.requestId).toBe('Yt8VHjE0FiAEMsQ=');
      expect(seen.headers).toEqual({ authorization: 'Bearer t' });
    }
  });

  it("given an authorizer event that did not come through the origin, then it gets a request id of its own, not offline's constant", () => {
    const event = shareRequestId({ headers: {}, requestContext: { requestId: 'random-request-id' } });
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  /** An HTTP API authorizer's event as offline's createAuthScheme builds it (payload 2.0, REQUEST). */
  const authorizerEvent = (token: string) => ({
    version: '2.0',
    type: 'REQUEST',
    identitySource: [token],
    headers: { authorization: token },
    requestContext: { requestId: 'random-request-id' },
  });
  const runs = async (handler: string, token: string) =>
    ((await run(handler, authorizerEvent(token))) as { context: { run: number } }).context.run;

  it('given an HTTP API authorizer with resultTtlInSeconds, then one token is authorized once per TTL, as API Gateway caches it', async () => {
    const first = await runs('auth.allow', 'Bearer one');
    // the same token again, 59 s later: the cached answer, no run
    clock += 59_000;
    expect(await runs('auth.allow', 'Bearer one')).toBe(first);
    // another token is its own key
    const other = await runs('auth.allow', 'Bearer two');
    expect(other).toBeGreaterThan(first);
    // past the TTL, the authorizer runs again
    clock += 2_000;
    expect(await runs('auth.allow', 'Bearer one')).toBeGreaterThan(other);
  });

  it('given a deny, then it is cached too; given a run that throws, then nothing is kept and the next request runs it again', async () => {
    const denied = await runs('auth.deny', 'Bearer bad');
    expect(await runs('auth.deny', 'Bearer bad')).toBe(denied);

    // the first run throws (identity unreachable), the second answers, the third is the second's, cached
    await expect(runs('auth.flaky', 'Bearer f')).rejects.toThrow('identity down');
    const answered = await runs('auth.flaky', 'Bearer f');
    expect(await runs('auth.flaky', 'Bearer f')).toBe(answered);
  });

  it('given a function that is no HTTP API authorizer, or an event that is no authorizer event, then every call runs', async () => {
    const seen = [await run('ok.echo', authorizerEvent('Bearer x')), await run('ok.echo', authorizerEvent('Bearer x'))];
    expect(seen[0]).not.toBe(seen[1]);
    const a = await runs('auth.allow', 'Bearer three');
    const noSource = (await run('auth.allow', { ...authorizerEvent('Bearer three'), identitySource: [] })) as {
      context: { run: number };
    };
    expect(noSource.context.run).toBeGreaterThan(a);
  });

  it('given a cached authorizer invoked with no event object (a bare invoke), then it runs, uncached, instead of throwing', async () => {
    const first = (await run('auth.deny', null)) as { context: { run: number } };
    const second = (await run('auth.deny', null)) as { context: { run: number } };
    expect(second.context.run).toBeGreaterThan(first.context.run);
  });
});
