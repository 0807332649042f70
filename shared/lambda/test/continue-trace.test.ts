// biome-ignore-all lint/suspicious/noExplicitAny: segment documents are read field by field
import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// A stand-in for the X-Ray daemon: what the X-Ray SDK sends over UDP to AWS_XRAY_DAEMON_ADDRESS.
let daemon: Socket;
const received: Record<string, unknown>[] = [];
let inTraceOf: typeof import('../src/continue-trace.ts').inTraceOf;
let currentTraceHeader: typeof import('../src/trace-header.ts').currentTraceHeader;

beforeAll(async () => {
  daemon = createSocket('udp4');
  daemon.on('message', (msg) => {
    const text = msg.toString('utf8');
    received.push(JSON.parse(text.slice(text.indexOf('\n') + 1)));
  });
  const port = await new Promise<number>((resolve) =>
    daemon.bind(0, '127.0.0.1', () => resolve(daemon.address().port)),
  );
  vi.stubEnv('AWS_XRAY_DAEMON_ADDRESS', `127.0.0.1:${port}`);
  vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs22.x');
  vi.stubEnv('POWERTOOLS_TRACE_ENABLED', 'true');
  vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'calling');
  vi.stubEnv('AWS_XRAY_CONTEXT_MISSING', 'IGNORE_ERROR');
  vi.resetModules();
  ({ inTraceOf } = await import('../src/continue-trace.ts'));
  ({ currentTraceHeader } = await import('../src/trace-header.ts'));
});
afterAll(() => {
  daemon.close();
  vi.unstubAllEnvs();
});

const ROOT = '1-6900aa00-aaaaaaaaaaaaaaaaaaaaaaaa';
const continuation = (header: string | undefined) => ({
  header,
  segmentName: 'parley-calling-test-smaHandler',
  subsegmentName: 'SMA HANGUP #7',
  annotations: { transactionId: 'tx-1', callId: 'c-1' },
});

describe('inTraceOf', () => {
  it("given an earlier invocation's trace header, when work runs, then it is sent as a segment of that trace with its subsegment and ids", async () => {
    let published: string | undefined;
    const { result, header } = await inTraceOf(
      continuation(`Root=${ROOT};Parent=1111111111111111;Sampled=1`),
      async () => {
        published = currentTraceHeader({});
        return 42;
      },
    );

    expect(result).toBe(42);
    expect(currentTraceHeader({})).toBeUndefined();
    await expect.poll(() => received.find((d) => d.trace_id === ROOT && d.type !== 'subsegment')).toBeDefined();
    const segment = received.find((d) => d.trace_id === ROOT && d.type !== 'subsegment') as Record<string, any>;
    expect(segment).toMatchObject({
      name: 'parley-calling-test-smaHandler',
      parent_id: '1111111111111111',
      origin: 'AWS::Lambda::Function',
      annotations: { Service: 'calling', transactionId: 'tx-1', callId: 'c-1' },
    });
    expect(segment.end_time).toBeGreaterThanOrEqual(segment.start_time);
    // the work's subsegment travels inside the segment (or on its own, naming it as its parent)
    const subsegments = [
      ...(segment.subsegments ?? []),
      ...received.filter((d) => d.type === 'subsegment' && d.parent_id === segment.id),
    ];
    const work = subsegments.find((s: any) => s.name === 'SMA HANGUP #7');
    expect(work).toBeDefined();
    // what the work publishes (PutEvents' TraceHeader) continues the call's trace, under the work
    expect(published).toBe(`Root=${ROOT};Parent=${work.id};Sampled=1`);
    expect(header).toBe(`Root=${ROOT};Parent=${segment.id};Sampled=1`);
  });

  it('given an unsampled or malformed header, when work runs, then nothing is sent and no header comes back', async () => {
    const before = received.length;
    const unsampled = await inTraceOf(continuation(`Root=${ROOT};Parent=2222222222222222;Sampled=0`), async () => 1);
    const malformed = await inTraceOf(continuation('Root=nope'), async () => 2);

    expect([unsampled, malformed]).toEqual([{ result: 1 }, { result: 2 }]);
    await new Promise((r) => setTimeout(r, 100));
    expect(received.slice(before).filter((d) => d.parent_id === '2222222222222222')).toEqual([]);
  });

  it('given work that throws, when continued, then the segment is sent as failed and the error goes on', async () => {
    const root = '1-6900aa00-cccccccccccccccccccccccc';
    await expect(
      inTraceOf(continuation(`Root=${root};Parent=3333333333333333;Sampled=1`), async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect
      .poll(() => received.find((d) => d.trace_id === root && d.type !== 'subsegment'))
      .toMatchObject({
        fault: true,
      });
  });
});
