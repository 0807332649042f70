import xray from 'aws-xray-sdk-core';
import { tracer } from './observability.ts';
import { withTraceHeader } from './trace-header.ts';

const TRACE_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;
const SEGMENT_ID = /^[0-9a-f]{16}$/;

export interface TraceHeaderParts {
  root?: string;
  parent?: string;
  /** `1` sampled, `0` not, undefined: not decided */
  sampled?: string;
}

/** `Root=1-…;Parent=…;Sampled=1` → its parts (malformed ones left out). */
export function parseTraceHeader(header: string | undefined): TraceHeaderParts {
  const out: TraceHeaderParts = {};
  for (const part of (header ?? '').split(';')) {
    const [key, value] = part.split('=').map((s) => s.trim());
    if (!value) continue;
    if (key === 'Root' && TRACE_ID.test(value)) out.root = value;
    else if (key === 'Parent' && SEGMENT_ID.test(value)) out.parent = value;
    else if (key === 'Sampled') out.sampled = value;
  }
  return out;
}

export interface ContinuedTrace<R> {
  result: R;
  /**
   * The header that continues this work: `Root=<the trace>;Parent=<its segment>;Sampled=1`, for the
   * next invocation of the same flow. Undefined when the work ran in the invocation's own trace.
   */
  header?: string;
}

export interface TraceContinuation {
  /** the trace to continue (`Root=…;Parent=…;Sampled=…`); undefined: the invocation's own */
  header: string | undefined;
  /** the segment's name when the trace is continued (the function's name, as Lambda names its segment) */
  segmentName: string;
  /** the subsegment the work runs in, in either trace */
  subsegmentName: string;
  /** the ids the flow is found by, on the segment and the subsegment */
  annotations: Record<string, string | number>;
}

type AnySegment = NonNullable<ReturnType<typeof xray.getSegment>>;

/**
 * Runs `work` as a segment of the trace `header` names, instead of the running invocation's own
 * trace: for a flow whose invocations AWS traces one by one although they belong together, as the
 * SIP media application's invocations of one call (Chime invokes the function with no trace header,
 * so each invocation starts a trace; docs/adr/0027-one-trace-per-phone-call.md).
 *
 * The segment (named `segmentName`, origin `AWS::Lambda::Function`, its parent the header's `Parent`,
 * annotated) holds the subsegment `subsegmentName`, which is the current segment while `work` runs,
 * so its AWS SDK calls and annotations land there; both are sent to the X-Ray daemon when `work`
 * ends (with the error when it throws). The invocation's own trace keeps only Lambda's function
 * segment and the handler's subsegment.
 *
 * Without a header, `work` runs in the subsegment `subsegmentName` of the invocation's own trace.
 * Without tracing (unit tests, tracing off), or with `Sampled=0` (the flow's first invocation was not
 * sampled: neither are the others), `work` runs as it is.
 */
export async function inTraceOf<R>(
  continuation: TraceContinuation,
  work: () => Promise<R>,
): Promise<ContinuedTrace<R>> {
  if (!tracer.isTracingEnabled()) return { result: await work() };
  const { root, parent, sampled } = parseTraceHeader(continuation.header);
  if (sampled === '0') return { result: await work() };
  const current = tracer.getSegment();
  if (!root) {
    if (!current) return { result: await work() };
    return { result: await inSubsegment(current, continuation, work, current) };
  }
  const segment = new xray.Segment(continuation.segmentName, root, parent ?? null);
  segment.origin = 'AWS::Lambda::Function';
  const service = process.env.POWERTOOLS_SERVICE_NAME;
  if (service) segment.addAnnotation('Service', service);
  for (const [key, value] of Object.entries(continuation.annotations)) segment.addAnnotation(key, value);
  const header = `Root=${root};Parent=${segment.id};Sampled=1`;
  return xray.getNamespace().runAndReturn(async () => {
    try {
      const result = await inSubsegment(segment, continuation, work, current, root);
      segment.close();
      return { result, header };
    } catch (err) {
      segment.close(err instanceof Error ? err : String(err));
      throw err;
    }
  });
}

/**
 * `work` in a new subsegment of `parent`, current while it runs; `restore` is current again after.
 * With `root` (a continued trace), what the work publishes carries that trace's header.
 */
async function inSubsegment<R>(
  parent: AnySegment,
  continuation: TraceContinuation,
  work: () => Promise<R>,
  restore: AnySegment | undefined,
  root?: string,
): Promise<R> {
  const sub = parent.addNewSubsegment(continuation.subsegmentName);
  for (const [key, value] of Object.entries(continuation.annotations)) sub.addAnnotation(key, value);
  // the X-Ray SDK's context (read by the AWS SDK clients' capture) and Powertools' (the same one,
  // except with Lambda's multi-concurrency, where Powertools keeps it per invocation)
  xray.setSegment(sub);
  tracer.setSegment(sub);
  try {
    // what the work publishes (PutEvents' TraceHeader) continues the trace it runs in
    const result = root ? await withTraceHeader(`Root=${root};Parent=${sub.id};Sampled=1`, work) : await work();
    sub.close();
    return result;
  } catch (err) {
    sub.close(err instanceof Error ? err : String(err));
    throw err;
  } finally {
    if (restore) tracer.setSegment(restore);
  }
}
