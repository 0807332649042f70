import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SegmentDocument } from './protocol.ts';
import { parseTraceHeader } from './protocol.ts';
import { newSegmentId, newTraceId } from './store.ts';

/** The name (and service) of the segment devstack records for each `/api/…` request. */
export const GATEWAY_SEGMENT_NAME = 'api-gateway';

/**
 * The API Gateway hop of one `/api/<service>/…` request: continues the caller's `X-Amzn-Trace-Id`
 * (its Root, with its Parent as this segment's parent) or starts a trace, hands the service
 * `Root=…;Parent=<this segment>;Sampled=1` in that header (serverless-offline passes it in the
 * event's headers, where devstack's plugin reads it for the function segment), answers with the
 * header too, and records the segment when the answer is finished: 4xx is an error, 5xx a fault.
 */
export function traceGatewayRequest(
  req: IncomingMessage,
  res: ServerResponse,
  record: (doc: SegmentDocument) => void,
  now: () => number = Date.now,
): string {
  const incoming = parseTraceHeader(headerOf(req, 'x-amzn-trace-id'));
  const traceId = incoming.root ?? newTraceId(now());
  const id = newSegmentId();
  const header = `Root=${traceId};Parent=${id};Sampled=1`;
  req.headers['x-amzn-trace-id'] = header;
  res.setHeader('x-amzn-trace-id', `Root=${traceId}`);
  const start = now() / 1000;
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    const status = res.headersSent ? res.statusCode : 502;
    record({
      id,
      trace_id: traceId,
      name: GATEWAY_SEGMENT_NAME,
      origin: 'AWS::ApiGateway::Stage',
      start_time: start,
      end_time: now() / 1000,
      ...(incoming.parent ? { parent_id: incoming.parent } : {}),
      http: { request: { method, url }, response: { status } },
      ...(status >= 500 ? { fault: true } : status >= 400 ? { error: true } : {}),
    });
  };
  res.once('finish', finish);
  res.once('close', finish);
  return header;
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
