import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerFailuresAs500, patchHttpApiEvents, REQUEST_ID_HEADER, shareRequestId } from '../plugin/api-gateway.cjs';

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
    LambdaFunction = await load<LambdaClass>('lambda/LambdaFunction.js');
    EventV2 = await load<EventV2Class>('events/http/lambda-events/LambdaProxyIntegrationEventV2.js');
    patchHttpApiEvents(EventV2);
    answerFailuresAs500(LambdaFunction, (name, err) => failures.push(`${name}: ${(err as Error).message}`));
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
});
