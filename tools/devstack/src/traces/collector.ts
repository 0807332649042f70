import { createSocket, type Socket } from 'node:dgram';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError, sendJson } from '../http-util.ts';
import { parseDatagram, type SegmentDocument } from './protocol.ts';
import { TraceStore } from './store.ts';

/**
 * devstack's X-Ray daemon: a UDP socket on loopback that takes what the X-Ray SDK sends to
 * `AWS_XRAY_DAEMON_ADDRESS`, kept in a TraceStore (the last 2,000 traces, in memory). Each Lambda
 * invocation's function segment is sent by the X-Ray SDK in the service's process (the plugin's,
 * `plugin/tracing.cjs`), the services' tracer code sends the rest; `record` adds a document directly.
 * No API Gateway segment: HTTP and WebSocket APIs record none on AWS (ADR 0031).
 */
export class TraceCollector {
  readonly store: TraceStore;
  private socket?: Socket;
  /** documents refused (bad header, bad JSON, missing ids), for the console */
  rejected = 0;

  constructor(maxTraces = 2000) {
    this.store = new TraceStore(maxTraces);
  }

  /** Binds 127.0.0.1:`port` (0: any free port) and resolves with the port. */
  listen(port: number): Promise<number> {
    const socket = createSocket('udp4');
    this.socket = socket;
    socket.on('message', (msg) => this.ingest(msg.toString('utf8')));
    return new Promise((resolve, reject) => {
      socket.once('error', (err) => {
        socket.close();
        reject(err);
      });
      socket.bind(port, '127.0.0.1', () => {
        socket.removeAllListeners('error');
        socket.on('error', () => {});
        resolve(socket.address().port);
      });
    });
  }

  /** One datagram's content; false when refused. */
  ingest(payload: string): boolean {
    const doc = parseDatagram(payload);
    if (typeof doc === 'string') {
      this.rejected++;
      return false;
    }
    this.store.add(doc);
    return true;
  }

  record(doc: SegmentDocument): void {
    this.store.add(doc);
  }

  /** `GET /_dev/traces[?annotation=key:value&limit=n]` and `GET /_dev/traces/{traceId}`. */
  route(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 405, 'method_not_allowed', 'Traces are read with GET.');
      return;
    }
    const rest = url.pathname.replace(/^\/_dev\/traces\/?/, '');
    if (rest === '') {
      const limit = url.searchParams.get('limit');
      const parsed = limit === null ? undefined : Number(limit);
      if (parsed !== undefined && !(Number.isInteger(parsed) && parsed > 0 && parsed <= 500)) {
        sendError(res, 400, 'validation_failed', 'limit must be a whole number from 1 to 500.');
        return;
      }
      const annotation = url.searchParams.get('annotation') ?? undefined;
      sendJson(res, 200, { items: this.store.list({ annotation, limit: parsed }) });
      return;
    }
    const trace = this.store.get(decodeURIComponent(rest));
    if (trace) sendJson(res, 200, trace);
    else sendError(res, 404, 'not_found', `No trace ${rest} on this devstack (it keeps the last 2,000).`);
  }

  close(): void {
    this.socket?.close();
    this.socket = undefined;
  }
}
