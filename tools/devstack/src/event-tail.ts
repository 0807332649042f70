import type { IncomingMessage, ServerResponse } from 'node:http';
import { connect, type MqttClient } from 'mqtt';
import { parseTraceHeader } from './traces/protocol.ts';

/** One event seen on the bus. */
export interface BusEvent {
  /** position in this devstack's tail, also the SSE id */
  seq: number;
  at: string;
  bus?: string;
  source: string;
  detailType: string;
  detail: unknown;
  /** the X-Ray trace the event was published in (its PutEvents TraceHeader's Root), see /_dev/traces */
  traceId?: string;
}

interface PutEventsEntry {
  EventBusName?: string;
  Source?: string;
  DetailType?: string;
  Detail?: string;
  TraceHeader?: string;
}

const KEEP = 500;
const HEARTBEAT_MS = 15_000;

/**
 * The live tail of every bus event. serverless-offline-aws-eventbridge's broker republishes each
 * PutEvents call on the MQTT topic `eventBridge` as a JSON array of entries; this subscribes to it,
 * keeps the last 500 and streams them to `/_dev/events` as server-sent events.
 */
export class EventTail {
  private readonly recentEvents: BusEvent[] = [];
  private readonly clients = new Set<ServerResponse>();
  private client?: MqttClient;
  private seq = 0;
  private heartbeat?: NodeJS.Timeout;

  /** Subscribes to the broker (retrying until it is up). */
  connect(pubSubPort: number): void {
    this.client = connect(`mqtt://127.0.0.1:${pubSubPort}`, {
      reconnectPeriod: 500,
      connectTimeout: 5000,
      clientId: `devstack-tail-${process.pid}`,
    });
    this.client.on('connect', () => this.client?.subscribe('eventBridge'));
    this.client.on('message', (_topic, payload) => this.ingest(payload.toString('utf8')));
    this.client.on('error', () => {});
    this.heartbeat = setInterval(() => {
      for (const res of this.clients) res.write(': heartbeat\n\n');
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  /** Parses one broker message (an array of PutEvents entries). */
  ingest(payload: string): BusEvent[] {
    let entries: PutEventsEntry[];
    try {
      const parsed: unknown = JSON.parse(payload);
      entries = Array.isArray(parsed) ? (parsed as PutEventsEntry[]) : [];
    } catch {
      return [];
    }
    const events = entries.map((entry) => this.record(entry));
    return events;
  }

  private record(entry: PutEventsEntry): BusEvent {
    let detail: unknown = entry.Detail;
    try {
      detail = entry.Detail ? JSON.parse(entry.Detail) : undefined;
    } catch {
      // keep the raw string: the tail shows what was sent, even when it is not JSON
    }
    const traceId = parseTraceHeader(entry.TraceHeader).root;
    const event: BusEvent = {
      seq: ++this.seq,
      at: new Date().toISOString(),
      ...(entry.EventBusName ? { bus: entry.EventBusName } : {}),
      source: entry.Source ?? '',
      detailType: entry.DetailType ?? '',
      detail,
      ...(traceId ? { traceId } : {}),
    };
    this.recentEvents.push(event);
    if (this.recentEvents.length > KEEP) this.recentEvents.shift();
    for (const res of this.clients) res.write(sseFrame(event));
    return event;
  }

  recent(): readonly BusEvent[] {
    return this.recentEvents;
  }

  /** Serves one SSE subscriber; `?replay=1` (or Last-Event-ID) first replays what is kept. */
  subscribe(req: IncomingMessage, res: ServerResponse, replay: boolean): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n: connected to the Parley bus tail\n\n');
    const lastId = Number(req.headers['last-event-id']);
    const from = Number.isFinite(lastId) && lastId > 0 ? lastId : replay ? 0 : Number.POSITIVE_INFINITY;
    for (const event of this.recentEvents) if (event.seq > from) res.write(sseFrame(event));
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const res of this.clients) res.end();
    this.clients.clear();
    this.client?.end(true);
  }
}

export function sseFrame(event: BusEvent): string {
  const { seq, ...body } = event;
  return `id: ${seq}\ndata: ${JSON.stringify(body)}\n\n`;
}
