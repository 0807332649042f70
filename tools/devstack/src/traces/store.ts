import { randomBytes } from 'node:crypto';
import type { SegmentDocument } from './protocol.ts';

/** One segment or subsegment of a trace, as `/_dev/traces` gives it (times in epoch milliseconds). */
export interface TraceSegment {
  id: string;
  parentId?: string;
  service: string;
  name: string;
  start: number;
  end?: number;
  inProgress?: true;
  error?: true;
  /** the first exception's message, when the segment recorded one */
  cause?: string;
  origin?: string;
  namespace?: string;
  http?: { method?: string; url?: string; status?: number };
  annotations: Record<string, string | number | boolean>;
}

export interface Trace {
  traceId: string;
  startedAt: string;
  durationMs: number;
  services: string[];
  errors: number;
  segments: TraceSegment[];
}

interface Stored {
  doc: Omit<SegmentDocument, 'subsegments'>;
  parentId?: string;
  /** true for a segment (a service's own), false for a subsegment */
  root: boolean;
}

interface TraceRecord {
  traceId: string;
  parts: Map<string, Stored>;
}

export interface TraceQuery {
  /** `key:value`: traces with a segment annotated so (values compared as strings) */
  annotation?: string;
  limit?: number;
}

const MAX_PARTS_PER_TRACE = 1000;

/**
 * The last `maxTraces` traces, assembled from segment documents in whatever order they come: a
 * subsegment may arrive before its parent, the same id again replaces what was there (in progress,
 * then complete), nested subsegments are flattened with their parent's id. Cheap to write (a map
 * insert per document); summaries are built when read.
 */
export class TraceStore {
  private readonly traces = new Map<string, TraceRecord>();
  private readonly maxTraces: number;

  constructor(maxTraces = 2000) {
    this.maxTraces = maxTraces;
  }

  add(doc: SegmentDocument): void {
    const traceId = doc.trace_id;
    if (!traceId) return;
    let record = this.traces.get(traceId);
    if (!record) {
      record = { traceId, parts: new Map() };
      this.traces.set(traceId, record);
      if (this.traces.size > this.maxTraces) {
        const oldest = this.traces.keys().next().value;
        if (oldest !== undefined) this.traces.delete(oldest);
      }
    }
    this.put(record, doc, doc.type !== 'subsegment', doc.parent_id);
  }

  private put(record: TraceRecord, doc: SegmentDocument, root: boolean, parentId: string | undefined): void {
    if (!record.parts.has(doc.id) && record.parts.size >= MAX_PARTS_PER_TRACE) return;
    const { subsegments, ...own } = doc;
    record.parts.set(doc.id, { doc: own, root, ...(parentId ? { parentId } : {}) });
    for (const child of subsegments ?? []) this.put(record, child, false, doc.id);
  }

  get(traceId: string): Trace | undefined {
    const record = this.traces.get(traceId);
    return record ? summarize(record) : undefined;
  }

  /** Newest first (by the trace's first segment). */
  list(query: TraceQuery = {}): Trace[] {
    const limit = Math.max(1, Math.min(query.limit ?? 50, 500));
    const match = annotationMatcher(query.annotation);
    const out: Trace[] = [];
    for (const record of this.traces.values()) {
      if (match && ![...record.parts.values()].some((p) => match(p.doc.annotations))) continue;
      out.push(summarize(record));
    }
    out.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
    return out.slice(0, limit);
  }

  get size(): number {
    return this.traces.size;
  }
}

function annotationMatcher(annotation: string | undefined) {
  if (!annotation) return undefined;
  const at = annotation.indexOf(':');
  const key = at < 0 ? annotation : annotation.slice(0, at);
  const value = at < 0 ? undefined : annotation.slice(at + 1);
  return (annotations: Stored['doc']['annotations']) =>
    annotations !== undefined &&
    Object.hasOwn(annotations, key) &&
    (value === undefined || String(annotations[key]) === value);
}

function serviceOf(record: TraceRecord, id: string): string {
  let part = record.parts.get(id);
  const seen = new Set<string>();
  while (part && !seen.has(part.doc.id)) {
    seen.add(part.doc.id);
    if (part.root) return String(part.doc.annotations?.Service ?? part.doc.name);
    part = part.parentId ? record.parts.get(part.parentId) : undefined;
  }
  const own = record.parts.get(id)?.doc.annotations?.Service;
  return own !== undefined ? String(own) : 'unknown';
}

/** The first exception's message; a cause `{id}` refers to the (sub)segment that recorded the exception. */
function causeOf(record: TraceRecord, doc: Stored['doc'], depth = 0): string | undefined {
  const cause = doc.cause;
  if (typeof cause === 'string') return cause;
  const message = cause?.exceptions?.[0]?.message;
  if (message !== undefined) return message;
  const ref = (cause as { id?: unknown } | undefined)?.id;
  const target = typeof ref === 'string' ? record.parts.get(ref) : undefined;
  return target && depth < 5 ? causeOf(record, target.doc, depth + 1) : undefined;
}

function toSegment(record: TraceRecord, part: Stored): TraceSegment {
  const { doc } = part;
  const cause = causeOf(record, doc);
  const http = doc.http
    ? { method: doc.http.request?.method, url: doc.http.request?.url, status: doc.http.response?.status }
    : undefined;
  return {
    id: doc.id,
    ...(part.parentId ? { parentId: part.parentId } : {}),
    service: serviceOf(record, doc.id),
    name: doc.name,
    start: Math.round(doc.start_time * 1000),
    ...(doc.end_time !== undefined ? { end: Math.round(doc.end_time * 1000) } : {}),
    ...(doc.in_progress && doc.end_time === undefined ? { inProgress: true as const } : {}),
    ...(doc.error || doc.fault || doc.throttle || cause ? { error: true as const } : {}),
    ...(cause ? { cause } : {}),
    ...(doc.origin ? { origin: doc.origin } : {}),
    ...(doc.namespace ? { namespace: doc.namespace } : {}),
    ...(http ? { http } : {}),
    annotations: { ...(doc.annotations ?? {}) },
  };
}

function summarize(record: TraceRecord): Trace {
  const depth = (id: string) => {
    let n = 0;
    for (let p = record.parts.get(id); p?.parentId && n < 50; p = record.parts.get(p.parentId)) n++;
    return n;
  };
  // By start; at the same millisecond a parent comes before its children.
  const segments = [...record.parts.values()]
    .map((p) => ({ segment: toSegment(record, p), depth: depth(p.doc.id) }))
    .sort((a, b) => a.segment.start - b.segment.start || a.depth - b.depth)
    .map((s) => s.segment);
  const start = Math.min(...segments.map((s) => s.start));
  const end = Math.max(...segments.map((s) => s.end ?? s.start));
  return {
    traceId: record.traceId,
    startedAt: new Date(start).toISOString(),
    durationMs: end - start,
    services: [...new Set(segments.filter((s) => record.parts.get(s.id)?.root).map((s) => s.service))],
    errors: segments.filter((s) => s.error).length,
    segments,
  };
}

/** A new X-Ray trace id: `1-<epoch seconds, 8 hex>-<96 random bits>`. */
export function newTraceId(now = Date.now()): string {
  return `1-${Math.floor(now / 1000)
    .toString(16)
    .padStart(8, '0')}-${randomBytes(12).toString('hex')}`;
}

/** A new segment id: 64 random bits, 16 hex digits. */
export function newSegmentId(): string {
  return randomBytes(8).toString('hex');
}
