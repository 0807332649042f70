import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patchEventBridgeDeliveries, traceHeaderOf, traceInvocations } from '../plugin/tracing.cjs';
import { TraceCollector } from '../src/traces/collector.ts';

// serverless-offline's own LambdaFunction, patched as the devstack plugin patches it, running a real
// handler that uses the Powertools tracer middleware; the X-Ray SDK sends over UDP to a real collector.
interface OfflineLambda {
  setEvent(event: unknown): void;
  runHandler(): Promise<unknown>;
  cleanup(): Promise<void>;
}
type LambdaClass = new (key: string, definition: object, serverless: object, options: object) => OfflineLambda;

const require = createRequire(import.meta.url);
const offline = dirname(require.resolve('serverless-offline'));
// lib/cjs/index.js → lib/ (the handler imports the ESM build, as the bundles do)
const tracerDir = join(dirname(require.resolve('@aws-lambda-powertools/tracer')), '../..');
const url = (path: string) => pathToFileURL(path).href;
const dir = mkdtempSync(join(tmpdir(), 'devstack-tracing-'));
const serverless = {
  service: { service: 'svc', provider: { region: 'eu-central-1', runtime: 'nodejs20.x' }, package: {} },
  config: { serverlessPath: dir, servicePath: dir },
  serviceDir: dir,
};
const ROOT_A = '1-6900aa00-aaaaaaaaaaaaaaaaaaaaaaaa';
const ROOT_B = '1-6900aa00-bbbbbbbbbbbbbbbbbbbbbbbb';
const ROOT_C = '1-6900aa00-cccccccccccccccccccccccc';
const collector = new TraceCollector();

describe('devstack traces each invocation as Lambda does', () => {
  let LambdaFunction: LambdaClass;
  const running: OfflineLambda[] = [];
  const EventBridgePlugin = require('serverless-offline-aws-eventbridge');
  let broker: { convertEntryAndInputToEvent(entry: object): Record<string, unknown> };

  beforeAll(async () => {
    const port = await collector.listen(0);
    Object.assign(process.env, {
      AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${port}`,
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      LAMBDA_TASK_ROOT: '/var/task',
      AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
      POWERTOOLS_SERVICE_NAME: 'svc',
    });
    writeFileSync(
      join(dir, 'handler.mjs'),
      [
        `import middy from '${url(require.resolve('@middy/core'))}';`,
        `import { Tracer } from '${url(join(tracerDir, 'lib/esm/index.js'))}';`,
        `import { captureLambdaHandler } from '${url(join(tracerDir, 'lib/esm/middleware/middy.js'))}';`,
        'const tracer = new Tracer();',
        'const sleep = (ms) => new Promise((r) => setTimeout(r, ms));',
        'const work = async (event) => {',
        '  const input = event.detail ?? event;',
        "  tracer.putAnnotation('messageId', input.messageId);",
        "  const sub = tracer.getSegment().addNewSubsegment('work');",
        '  await sleep(input.wait);',
        '  sub.close();',
        '  return { header: globalThis.awslambda.InvokeStore.getXRayTraceId() };',
        '};',
        'export const main = middy(work).use(captureLambdaHandler(tracer));',
        "export const boom = middy(async () => { throw new Error('handler threw'); }).use(captureLambdaHandler(tracer));",
      ].join('\n'),
    );
    const xray = require('aws-xray-sdk-core');
    const { InvokeStore } = require('@aws/lambda-invoke-store');
    const invokeStore = await InvokeStore.getInstanceAsync(true);
    LambdaFunction = ((await import(url(join(offline, 'lambda/LambdaFunction.js')))) as { default: LambdaClass })
      .default;
    traceInvocations(LambdaFunction, { xray, invokeStore, service: 'svc' });
    broker = Object.create(EventBridgePlugin.prototype);
    expect(patchEventBridgeDeliveries(EventBridgePlugin)).toBe(true);
  });
  afterAll(async () => {
    await Promise.all(running.map((f) => f.cleanup()));
    collector.close();
  });

  // an event as the EventBridge broker delivers it, made from a PutEvents entry (with its TraceHeader)
  const delivered = (detail: object, traceHeader?: string) =>
    broker.convertEntryAndInputToEvent({
      Source: 's',
      DetailType: 'd',
      Detail: JSON.stringify(detail),
      ...(traceHeader ? { TraceHeader: traceHeader } : {}),
    });

  const run = (handler: string, event: unknown) => {
    const fn = new LambdaFunction(handler, { handler, name: `svc-local-${handler.split('.')[1]}` }, serverless, {
      useInProcess: true,
      noTimeout: true,
    });
    running.push(fn);
    fn.setEvent(event);
    return fn.runHandler();
  };
  const traceOf = async (root: string, parts: number) => {
    for (let i = 0; i < 100; i++) {
      const trace = collector.store.get(root);
      if (trace && trace.segments.length >= parts) return trace;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`trace ${root} never had ${parts} parts: ${JSON.stringify(collector.store.get(root))}`);
  };

  it('given two overlapping deliveries with their own TraceHeaders, when both run, then each trace holds its own segments', async () => {
    const [a, b] = (await Promise.all([
      run(
        'handler.main',
        delivered({ messageId: 'm_a', wait: 80 }, `Root=${ROOT_A};Parent=1111111111111111;Sampled=1`),
      ),
      run(
        'handler.main',
        delivered({ messageId: 'm_b', wait: 10 }, `Root=${ROOT_B};Parent=2222222222222222;Sampled=1`),
      ),
    ])) as { header: string }[];
    expect(a?.header).toMatch(new RegExp(`^Root=${ROOT_A};Parent=[0-9a-f]{16};Sampled=1$`));
    expect(b?.header).toMatch(new RegExp(`^Root=${ROOT_B};Parent=[0-9a-f]{16};Sampled=1$`));

    for (const [root, parent, messageId, result] of [
      [ROOT_A, '1111111111111111', 'm_a', a],
      [ROOT_B, '2222222222222222', 'm_b', b],
    ] as const) {
      const trace = await traceOf(root, 3);
      const fnSegment = trace.segments.find((s) => s.name === 'svc-local-main');
      expect(fnSegment).toMatchObject({ parentId: parent, service: 'svc', origin: 'AWS::Lambda::Function' });
      // the invocation's _X_AMZN_TRACE_ID names its function segment as the parent
      expect(result?.header).toContain(`Parent=${fnSegment?.id}`);
      const handler = trace.segments.find((s) => s.name.startsWith('## '));
      expect(handler).toMatchObject({ parentId: fnSegment?.id, service: 'svc', annotations: { messageId } });
      expect(trace.segments.find((s) => s.name === 'work')).toMatchObject({ parentId: handler?.id });
      expect(trace.services).toEqual(['svc']);
    }
  });

  it('given an event without a trace header, when run, then a new trace starts at the function segment', async () => {
    const result = (await run('handler.main', { messageId: 'm_new', wait: 1 })) as { header: string };
    const root = /Root=([^;]+)/.exec(result.header)?.[1] ?? '';
    const trace = await traceOf(root, 3);
    expect(trace.segments[0]).toMatchObject({ name: 'svc-local-main' });
    expect(trace.segments[0]?.parentId).toBeUndefined();
    expect(collector.store.list({ annotation: 'messageId:m_new' }).map((t) => t.traceId)).toEqual([root]);
  });

  it('given an HTTP API event whose request carries X-Amzn-Trace-Id, when run, then the invocation starts its own trace, as Lambda invoked by an HTTP API does', async () => {
    const caller = `Root=${ROOT_C};Parent=4444444444444444;Sampled=1`;
    const event = { version: '2.0', headers: { 'x-amzn-trace-id': caller }, messageId: 'm_http', wait: 1 };
    const result = (await run('handler.main', event)) as { header: string };
    const root = /Root=([^;]+)/.exec(result.header)?.[1] ?? '';
    expect(root).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(root).not.toBe(ROOT_C);
    const trace = await traceOf(root, 3);
    expect(trace.segments[0]).toMatchObject({ name: 'svc-local-main' });
    expect(trace.segments[0]?.parentId).toBeUndefined();
    expect(collector.store.get(ROOT_C)).toBeUndefined();
    expect(traceHeaderOf(event)).toBeUndefined();
  });

  it('given a handler that throws, when run, then its function segment is an error with the message', async () => {
    const root = ROOT_B.replace('b', 'c');
    await expect(run('handler.boom', delivered({}, `Root=${root};Parent=5555555555555555;Sampled=1`))).rejects.toThrow(
      'handler threw',
    );
    const trace = await traceOf(root, 2);
    expect(trace.segments.find((s) => s.name === 'svc-local-boom')).toMatchObject({
      error: true,
      cause: 'handler threw',
    });
    expect(trace.errors).toBeGreaterThanOrEqual(1);
  });

  it('given a PutEvents entry with a TraceHeader, when the broker turns it into an event, then the event carries that header', () => {
    expect(patchEventBridgeDeliveries(EventBridgePlugin)).toBe(false);
    const header = `Root=${ROOT_A};Parent=3333333333333333;Sampled=1`;
    const event = broker.convertEntryAndInputToEvent({
      Source: 's',
      DetailType: 'd',
      Detail: '{}',
      TraceHeader: header,
    });
    expect(event['detail-type']).toBe('d');
    expect(traceHeaderOf(event)).toBe(header);
    expect(
      traceHeaderOf(broker.convertEntryAndInputToEvent({ Source: 's', DetailType: 'd', Detail: '{}' })),
    ).toBeUndefined();
  });
});

describe('schedules that fire while offline starts', () => {
  it('given a delivery before the functions exist, when they appear, then it runs instead of crashing', async () => {
    const Plugin = createRequire(import.meta.url)('serverless-offline-aws-eventbridge');
    const { deliverOnlyOnceLambdasExist } = await import('../plugin/eventbridge.cjs');
    expect(deliverOnlyOnceLambdasExist(Plugin, { pollMs: 5 })).toBe(true);
    const ran: unknown[] = [];
    const broker = Object.assign(Object.create(Plugin.prototype), {
      options: { retryDelayMs: 1, maximumRetryAttempts: 0, throwRetryExhausted: true },
      logDebug: () => {},
    });
    const delivery = broker.invokeSubscriber('fn', { Source: 'schedule', Detail: '{}' }, undefined);
    await new Promise((r) => setTimeout(r, 30));
    broker.lambda = {
      get: () => ({ setEvent: (event: unknown) => ran.push(event), runHandler: async () => undefined }),
    };
    await delivery;
    expect(ran).toHaveLength(1);
  });
});
