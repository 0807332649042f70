import WebSocket from 'ws';
import { type ClientAction, parseServerFrame, type ServerFrame } from './frames.ts';

/** Thrown when the handshake is refused (bad token: 401/403; bad Origin: 403). */
export class HandshakeRefused extends Error {
  override name = 'HandshakeRefused';
  readonly status: number;
  constructor(status: number) {
    super(`WebSocket handshake refused with HTTP ${status}`);
    this.status = status;
  }
}

export interface ConnectOptions {
  /** `Origin` header to send (browsers always send one; Node does not unless told) */
  origin?: string;
  /** give up on the handshake after this long */
  timeoutMs?: number;
}

/** A received frame and when it arrived (performance.now()). */
export interface ReceivedFrame {
  frame: ServerFrame;
  receivedAt: number;
}

/**
 * A Node WebSocket client of Parley's real-time API, for integration tests, the benchmark and
 * scripts (the web client has its own, over the browser's WebSocket). Keeps every frame it
 * receives, in arrival order, and lets a caller wait for one.
 */
export class RealtimeClient {
  readonly received: ReceivedFrame[] = [];
  private waiters: { test: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }[] = [];
  private listeners: ((r: ReceivedFrame) => void)[] = [];
  private readonly seen = new Set<string>();

  private readonly socket: WebSocket;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data) => {
      const frame = parseServerFrame(String(data));
      // as the web client: a redelivered event's frame comes again with the same id (ADR 0023)
      if (!frame || this.seen.has(frame.id)) return;
      this.seen.add(frame.id);
      const entry = { frame, receivedAt: performance.now() };
      this.received.push(entry);
      for (const l of this.listeners) l(entry);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
  }

  /** Opens `<wsUrl>?token=…` (e.g. `ws://localhost:3000/ws`); rejects with HandshakeRefused on a non-101 answer. */
  static connect(wsUrl: string, token: string, options: ConnectOptions = {}): Promise<RealtimeClient> {
    const url = `${wsUrl}${wsUrl.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
    const socket = new WebSocket(url, {
      handshakeTimeout: options.timeoutMs ?? 10_000,
      ...(options.origin ? { origin: options.origin } : {}),
    });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new RealtimeClient(socket)));
      socket.once('unexpected-response', (_req, res) => {
        res.resume();
        reject(new HandshakeRefused(res.statusCode ?? 0));
        socket.terminate();
      });
      socket.once('error', reject);
    });
  }

  /** Frames received so far (optionally only those matching), duplicates included. */
  frames(test: (f: ServerFrame) => boolean = () => true): ServerFrame[] {
    return this.received.map((r) => r.frame).filter(test);
  }

  /** Calls `listener` for every frame received from now on. */
  onFrame(listener: (r: ReceivedFrame) => void): void {
    this.listeners.push(listener);
  }

  /** Resolves with the first frame (already received or future) that matches; rejects after `timeoutMs`. */
  waitFor(test: (f: ServerFrame) => boolean, timeoutMs = 10_000): Promise<ServerFrame> {
    const seen = this.frames(test)[0];
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`no matching frame within ${timeoutMs} ms (got ${this.received.length} frames)`));
      }, timeoutMs);
      const done = (f: ServerFrame) => {
        clearTimeout(timer);
        resolve(f);
      };
      this.waiters.push({ test, resolve: done });
    });
  }

  send(action: ClientAction | Record<string, unknown>): void {
    this.socket.send(JSON.stringify(action));
  }

  sendRaw(text: string): void {
    this.socket.send(text);
  }

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Closes and waits until the socket is closed. */
  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }

  /** Resolves when the server closes the socket. */
  closed(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => this.socket.once('close', () => resolve()));
  }
}

/** `http://localhost:3000` → `ws://localhost:3000/ws` */
export function websocketUrl(origin: string): string {
  return `${origin.replace(/^http/, 'ws').replace(/\/$/, '')}/ws`;
}
