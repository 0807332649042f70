/**
 * The X-Ray daemon's UDP protocol: each datagram is the header line `{"format":"json","version":1}`,
 * a newline, and one segment document (a segment, or an independent subsegment with `type:
 * "subsegment"`, `trace_id` and `parent_id`). A document may arrive more than once under the same id:
 * first `in_progress`, then complete. Nested `subsegments` travel inside their parent.
 * https://docs.aws.amazon.com/xray/latest/devguide/xray-api-sendingdata.html
 */

/** One segment document as the X-Ray SDKs send it (only the fields devstack reads). */
export interface SegmentDocument {
  id: string;
  name: string;
  trace_id?: string;
  parent_id?: string;
  type?: 'subsegment';
  start_time: number;
  end_time?: number;
  in_progress?: boolean;
  error?: boolean;
  fault?: boolean;
  throttle?: boolean;
  origin?: string;
  namespace?: string;
  annotations?: Record<string, string | number | boolean>;
  http?: { request?: { method?: string; url?: string }; response?: { status?: number } };
  /** the exceptions, or `{id}` of the subsegment whose exception this is */
  cause?: { id?: string; exceptions?: { message?: string; type?: string }[] } | string;
  subsegments?: SegmentDocument[];
}

const HEX_ID = /^[0-9a-f]{16}$/;
const TRACE_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;

/** The header every datagram starts with; the daemon accepts any JSON header with format and version. */
export const DATAGRAM_HEADER = '{"format":"json","version":1}';

/**
 * The document in one datagram, or why it is refused. A subsegment sent on its own must name its
 * trace and parent; a segment must have a trace id; ids are 16 hex digits, times epoch seconds.
 */
export function parseDatagram(payload: string): SegmentDocument | string {
  const newline = payload.indexOf('\n');
  if (newline < 0) return 'no header line';
  let header: unknown;
  let doc: unknown;
  try {
    header = JSON.parse(payload.slice(0, newline));
    doc = JSON.parse(payload.slice(newline + 1));
  } catch {
    return 'not JSON';
  }
  const h = header as { format?: unknown; version?: unknown } | null;
  if (h?.format !== 'json' || h.version !== 1) return 'unknown header';
  return checkDocument(doc, true);
}

function checkDocument(raw: unknown, topLevel: boolean): SegmentDocument | string {
  const doc = raw as Partial<SegmentDocument> | null;
  if (!doc || typeof doc !== 'object') return 'document is not an object';
  if (typeof doc.id !== 'string' || !HEX_ID.test(doc.id)) return 'id must be 16 hex digits';
  if (typeof doc.name !== 'string' || doc.name === '') return 'name is required';
  if (typeof doc.start_time !== 'number') return 'start_time is required';
  if (doc.end_time !== undefined && typeof doc.end_time !== 'number') return 'end_time must be a number';
  if (doc.end_time === undefined && doc.in_progress !== true) return 'end_time or in_progress is required';
  if (topLevel) {
    if (typeof doc.trace_id !== 'string' || !TRACE_ID.test(doc.trace_id)) return 'trace_id is required';
    if (doc.type === 'subsegment' && typeof doc.parent_id !== 'string') return 'a subsegment needs parent_id';
  }
  for (const child of doc.subsegments ?? []) {
    const checked = checkDocument(child, false);
    if (typeof checked === 'string') return `subsegment: ${checked}`;
  }
  return doc as SegmentDocument;
}

/** A trace header value: `Root=1-…;Parent=…;Sampled=1`, parsed (unknown keys kept out). */
export function parseTraceHeader(header: string | undefined): { root?: string; parent?: string; sampled?: string } {
  const out: { root?: string; parent?: string; sampled?: string } = {};
  for (const part of (header ?? '').split(';')) {
    const [key, value] = part.split('=').map((s) => s.trim());
    if (!value) continue;
    if (key === 'Root' && TRACE_ID.test(value)) out.root = value;
    else if (key === 'Parent' && HEX_ID.test(value)) out.parent = value;
    else if (key === 'Sampled') out.sampled = value;
  }
  return out;
}
