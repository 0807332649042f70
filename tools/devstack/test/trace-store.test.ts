import { describe, expect, it } from 'vitest';
import { DATAGRAM_HEADER, parseDatagram, parseTraceHeader, type SegmentDocument } from '../src/traces/protocol.ts';
import { newSegmentId, newTraceId, TraceStore } from '../src/traces/store.ts';

const T = '1-6900aa00-0123456789abcdef01234567';
const datagram = (doc: unknown) => `${DATAGRAM_HEADER}\n${JSON.stringify(doc)}`;
const seg = (over: Partial<SegmentDocument> & { id: string }): SegmentDocument => ({
  name: 'parley-messaging-local-sendMessage',
  trace_id: T,
  start_time: 1_760_000_000,
  end_time: 1_760_000_000.25,
  ...over,
});

describe('the X-Ray daemon protocol', () => {
  it('given a header line and a segment, when parsed, then the document comes out', () => {
    const doc = parseDatagram(datagram(seg({ id: 'aaaaaaaaaaaaaaaa' })));
    expect(doc).toMatchObject({ id: 'aaaaaaaaaaaaaaaa', trace_id: T });
  });

  it('given what the daemon refuses, when parsed, then each says why', () => {
    expect(parseDatagram(JSON.stringify(seg({ id: 'aaaaaaaaaaaaaaaa' })))).toBe('no header line');
    expect(parseDatagram(`{"format":"xml","version":1}\n{}`)).toBe('unknown header');
    expect(parseDatagram(`${DATAGRAM_HEADER}\n{nope`)).toBe('not JSON');
    expect(parseDatagram(datagram(seg({ id: 'short' })))).toBe('id must be 16 hex digits');
    expect(parseDatagram(datagram(seg({ id: 'aaaaaaaaaaaaaaaa', trace_id: 'x' })))).toBe('trace_id is required');
    expect(parseDatagram(datagram({ ...seg({ id: 'aaaaaaaaaaaaaaaa' }), end_time: undefined }))).toBe(
      'end_time or in_progress is required',
    );
    expect(parseDatagram(datagram(seg({ id: 'aaaaaaaaaaaaaaaa', type: 'subsegment' })))).toBe(
      'a subsegment needs parent_id',
    );
    expect(
      parseDatagram(datagram(seg({ id: 'aaaaaaaaaaaaaaaa', subsegments: [{ id: 'x' } as SegmentDocument] }))),
    ).toBe('subsegment: id must be 16 hex digits');
  });

  it('given a trace header, when parsed, then Root and Parent are read and malformed parts dropped', () => {
    expect(parseTraceHeader(`Root=${T};Parent=53995c3f42cd8ad8;Sampled=1`)).toEqual({
      root: T,
      parent: '53995c3f42cd8ad8',
      sampled: '1',
    });
    expect(parseTraceHeader('Root=garbage;Parent=zz')).toEqual({});
    expect(parseTraceHeader(undefined)).toEqual({});
  });

  it('given new ids, when made, then they have the X-Ray shapes and the time in the trace id', () => {
    expect(newTraceId(Date.UTC(2026, 11, 2) + 999)).toMatch(
      new RegExp(`^1-${Math.floor(Date.UTC(2026, 11, 2) / 1000).toString(16)}-[0-9a-f]{24}$`),
    );
    expect(newSegmentId()).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('TraceStore', () => {
  it('given a subsegment that arrives before its segment, when both are in, then the trace is one tree with one service', () => {
    const store = new TraceStore();
    store.add(
      seg({
        id: 'bbbbbbbbbbbbbbbb',
        type: 'subsegment',
        parent_id: 'aaaaaaaaaaaaaaaa',
        name: 'DynamoDB',
        namespace: 'aws',
        start_time: 1_760_000_000.1,
        end_time: 1_760_000_000.2,
      }),
    );
    store.add(seg({ id: 'aaaaaaaaaaaaaaaa', annotations: { Service: 'messaging' } }));
    const trace = store.get(T);
    expect(trace?.services).toEqual(['messaging']);
    expect(trace?.durationMs).toBe(250);
    expect(trace?.startedAt).toBe(new Date(1_760_000_000_000).toISOString());
    expect(trace?.segments.map((s) => [s.id, s.parentId, s.service, s.start, s.end])).toEqual([
      ['aaaaaaaaaaaaaaaa', undefined, 'messaging', 1_760_000_000_000, 1_760_000_000_250],
      ['bbbbbbbbbbbbbbbb', 'aaaaaaaaaaaaaaaa', 'messaging', 1_760_000_000_100, 1_760_000_000_200],
    ]);
  });

  it('given an in-progress subsegment, when it is sent again complete, then the complete one replaces it', () => {
    const store = new TraceStore();
    const open = { id: 'cccccccccccccccc', type: 'subsegment' as const, parent_id: 'aaaaaaaaaaaaaaaa', name: 'work' };
    store.add(seg({ ...open, end_time: undefined, in_progress: true }));
    expect(store.get(T)?.segments[0]).toMatchObject({ inProgress: true });
    expect(store.get(T)?.segments[0]?.end).toBeUndefined();
    store.add(seg({ ...open, error: true, cause: { exceptions: [{ message: 'conditional check failed' }] } }));
    const [only] = store.get(T)?.segments ?? [];
    expect(only).toMatchObject({
      id: 'cccccccccccccccc',
      end: 1_760_000_000_250,
      error: true,
      cause: 'conditional check failed',
    });
    expect(only?.inProgress).toBeUndefined();
    expect(store.get(T)?.errors).toBe(1);
  });

  it('given nested subsegments inside a segment, when added, then each is flattened under its parent', () => {
    const store = new TraceStore();
    store.add(
      seg({
        id: 'aaaaaaaaaaaaaaaa',
        name: 'api-gateway',
        http: { request: { method: 'POST', url: '/api/messaging/x' }, response: { status: 502 } },
        fault: true,
        subsegments: [
          {
            id: 'dddddddddddddddd',
            name: '## handler',
            start_time: 1_760_000_000,
            end_time: 1_760_000_000.1,
            subsegments: [
              { id: 'eeeeeeeeeeeeeeee', name: 'S3', start_time: 1_760_000_000, end_time: 1_760_000_000.05 },
            ],
          },
        ],
      }),
    );
    const trace = store.get(T);
    expect(trace?.segments.map((s) => [s.id, s.parentId ?? null, s.service])).toEqual([
      ['aaaaaaaaaaaaaaaa', null, 'api-gateway'],
      ['dddddddddddddddd', 'aaaaaaaaaaaaaaaa', 'api-gateway'],
      ['eeeeeeeeeeeeeeee', 'dddddddddddddddd', 'api-gateway'],
    ]);
    expect(trace?.segments[0]).toMatchObject({ error: true, http: { method: 'POST', status: 502 } });
  });

  it('given several traces, when listed, then newest first, filtered by annotation, limited', () => {
    const store = new TraceStore();
    const ids = [0, 1, 2].map((i) => `1-6900aa0${i}-0123456789abcdef0123456${i}`);
    for (const [i, traceId] of ids.entries())
      store.add(
        seg({
          id: `aaaaaaaaaaaaaaa${i}`,
          trace_id: traceId,
          start_time: 1_760_000_000 + i,
          end_time: 1_760_000_000 + i + 0.1,
          annotations: { Service: 'messaging', messageId: `m_${i % 2}`, seq: i },
        }),
      );
    expect(store.list().map((t) => t.traceId)).toEqual([ids[2], ids[1], ids[0]]);
    expect(store.list({ annotation: 'messageId:m_0' }).map((t) => t.traceId)).toEqual([ids[2], ids[0]]);
    expect(store.list({ annotation: 'seq:1' }).map((t) => t.traceId)).toEqual([ids[1]]);
    expect(store.list({ annotation: 'messageId:m_9' })).toEqual([]);
    expect(store.list({ annotation: 'callId' })).toEqual([]);
    expect(store.list({ limit: 1 }).map((t) => t.traceId)).toEqual([ids[2]]);
  });

  it('given more traces than it keeps, when one more arrives, then the oldest is forgotten', () => {
    const store = new TraceStore(2);
    for (const i of [1, 2, 3])
      store.add(seg({ id: 'aaaaaaaaaaaaaaaa', trace_id: `1-6900aa00-0123456789abcdef0123456${i}` }));
    expect(store.size).toBe(2);
    expect(store.get('1-6900aa00-0123456789abcdef01234561')).toBeUndefined();
    expect(store.get('1-6900aa00-0123456789abcdef01234563')).toBeDefined();
  });
});
