import { Logger } from '@aws-lambda-powertools/logger';
import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * Powertools instances, built once per bundle (each Lambda function bundles one copy).
 * The service name comes from POWERTOOLS_SERVICE_NAME, set per service in serverless.yml.
 */
export const logger = new Logger({ logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO' });
export const tracer = new Tracer();

/**
 * The ids a trace can be found by (X-Ray annotations, searchable in the console and on devstack's
 * Traces page): docs/runbook.md lists them. Anything else stays out of annotations (they are indexed).
 */
export const TRACE_ANNOTATION_KEYS = [
  'userId',
  'conversationId',
  'messageId',
  'callId',
  'transactionId',
  'eventId',
  'correlationId',
] as const;

const MAX_ANNOTATION_LENGTH = 250;

export type TraceAnnotationKey = (typeof TRACE_ANNOTATION_KEYS)[number];

/** The annotations `source` carries: its `keys` (all TRACE_ANNOTATION_KEYS) with a non-empty string or number value. */
export function traceAnnotations(
  source: unknown,
  keys: readonly TraceAnnotationKey[] = TRACE_ANNOTATION_KEYS,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (!source || typeof source !== 'object') return out;
  const record = source as Record<string, unknown>;
  for (const key of keys) {
    const value = record[key];
    if (typeof value === 'string' && value !== '' && value.length <= MAX_ANNOTATION_LENGTH) out[key] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
  }
  return out;
}

/** Annotates the current (sub)segment with the ids `source` carries; nothing when tracing is off. */
export function annotateTrace(source: unknown, keys?: readonly TraceAnnotationKey[]): void {
  if (!tracer.isTracingEnabled()) return;
  for (const [key, value] of Object.entries(traceAnnotations(source, keys))) tracer.putAnnotation(key, value);
}
