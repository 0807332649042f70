import { type ClientAction, GatewayFrameType, parseServerFrame, type ServerFrame } from '@parley/realtime/frames';
import { HEARTBEAT_MS } from './heartbeat.ts';
import { createStore, type Store } from './store.ts';

export { HEARTBEAT_MS };

/**
 * The WebSocket to notifications (`/ws?token=`): connects with a fresh access token, heartbeats under
 * API Gateway's 10-minute idle limit, reconnects with capped exponential backoff and jitter, renews
 * the socket before the 2-hour hard limit, drops duplicate frames by `id` and tells listeners when a
 * connection came back so they can recover what they missed through the REST API (frames are hints).
 */

export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'offline';

export interface ConnectionState {
  status: ConnectionStatus;
  /** consecutive failed attempts */
  attempt: number;
}

/** What the client needs from `WebSocket` (a fake implements it in tests). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: Event) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface RealtimeOptions {
  /** `ws(s)://host/ws?token=…` for a token */
  url: (token: string) => string;
  /** a valid access token, or undefined when signed out */
  token: () => Promise<string | undefined>;
  createSocket?: (url: string) => SocketLike;
  heartbeatMs?: number;
  /** no pong this long after a ping: the socket is dead */
  pongTimeoutMs?: number;
  /** reconnect proactively after this long (API Gateway closes any socket after 2 h) */
  maxAgeMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  random?: () => number;
  /**
   * Sockets closed before they opened, twice in a row: the handshake may have been refused (a revoked
   * session; browsers do not show the HTTP status), so the owner checks the session.
   */
  onRefused?: () => void;
}

export type FrameListener = (frame: ServerFrame) => void;

const OPEN = 1;
const SEEN_FRAMES = 1000;

export class RealtimeClient {
  readonly state: Store<ConnectionState> = createStore<ConnectionState>({ status: 'idle', attempt: 0 });
  private readonly opts: Required<Omit<RealtimeOptions, 'createSocket' | 'onRefused'>> &
    Pick<RealtimeOptions, 'createSocket' | 'onRefused'>;
  private socket?: SocketLike;
  private readonly frameListeners = new Set<FrameListener>();
  private readonly reconnectListeners = new Set<() => void>();
  private readonly seen = new Set<string>();
  private timers: ReturnType<typeof setTimeout>[] = [];
  private heartbeat?: ReturnType<typeof setInterval>;
  private pongDeadline?: ReturnType<typeof setTimeout>;
  private running = false;
  private everOpened = false;
  private generation = 0;

  constructor(options: RealtimeOptions) {
    this.opts = {
      heartbeatMs: HEARTBEAT_MS,
      pongTimeoutMs: 20_000,
      maxAgeMs: 110 * 60_000,
      backoffBaseMs: 1_000,
      backoffMaxMs: 30_000,
      random: Math.random,
      ...options,
    };
  }

  onFrame(listener: FrameListener): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  /** Called after every (re)connection but the first: time to fetch what was missed. */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  stop(): void {
    this.running = false;
    this.generation += 1;
    this.teardown();
    this.state.set({ status: 'idle', attempt: 0 });
  }

  /** Sends an action when connected; returns false when it could not (actions are best effort). */
  send(action: ClientAction): boolean {
    if (this.socket?.readyState !== OPEN) return false;
    this.socket.send(JSON.stringify(action));
    return true;
  }

  /** The browser lost its network: close now rather than wait for a heartbeat to notice. */
  wentOffline(): void {
    if (!this.running) return;
    this.generation += 1;
    this.teardown();
    this.state.set({ status: 'offline', attempt: this.state.get().attempt });
  }

  /** The network is back, or the user asked: connect now, skipping the backoff wait. */
  reconnectNow(): void {
    if (!this.running) return;
    this.generation += 1;
    this.teardown();
    void this.connect();
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    const { attempt } = this.state.get();
    this.state.set({ status: this.everOpened || attempt > 0 ? 'reconnecting' : 'connecting', attempt });
    let token: string | undefined;
    try {
      token = await this.opts.token();
    } catch {
      token = undefined;
    }
    if (generation !== this.generation || !this.running) return;
    if (!token) {
      this.scheduleReconnect(generation);
      return;
    }
    const create = this.opts.createSocket ?? ((url: string) => new WebSocket(url) as SocketLike);
    const socket = create(this.opts.url(token));
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      if (generation !== this.generation) return;
      opened = true;
      const reconnected = this.everOpened || this.state.get().attempt > 0;
      this.everOpened = true;
      this.state.set({ status: 'open', attempt: 0 });
      this.startHeartbeat(generation);
      this.later(() => this.reconnectNow(), this.opts.maxAgeMs);
      if (reconnected) for (const listener of [...this.reconnectListeners]) listener();
    };
    socket.onmessage = (event) => {
      if (generation !== this.generation || typeof event.data !== 'string') return;
      this.receive(event.data);
    };
    socket.onerror = () => undefined;
    socket.onclose = () => {
      if (generation !== this.generation) return;
      this.teardown();
      if (!opened && this.state.get().attempt >= 1) this.opts.onRefused?.();
      this.scheduleReconnect(generation);
    };
  }

  private receive(text: string): void {
    clearTimeout(this.pongDeadline);
    const frame = parseServerFrame(text);
    if (!frame || frame.type === GatewayFrameType.pong) return;
    if (this.seen.has(frame.id)) return;
    this.seen.add(frame.id);
    if (this.seen.size > SEEN_FRAMES) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    for (const listener of [...this.frameListeners]) listener(frame);
  }

  private startHeartbeat(generation: number): void {
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      if (generation !== this.generation) return;
      if (!this.send({ action: 'ping' })) return;
      clearTimeout(this.pongDeadline);
      this.pongDeadline = setTimeout(() => {
        if (generation === this.generation) this.reconnectNow();
      }, this.opts.pongTimeoutMs);
    }, this.opts.heartbeatMs);
  }

  private scheduleReconnect(generation: number): void {
    if (!this.running) return;
    const attempt = this.state.get().attempt + 1;
    this.state.set({ status: 'reconnecting', attempt });
    const ceiling = Math.min(this.opts.backoffMaxMs, this.opts.backoffBaseMs * 2 ** (attempt - 1));
    const delay = ceiling / 2 + (this.opts.random() * ceiling) / 2;
    this.later(() => {
      if (generation === this.generation && this.running) void this.connect();
    }, delay);
  }

  private later(fn: () => void, ms: number): void {
    this.timers.push(setTimeout(fn, ms));
  }

  private teardown(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    clearInterval(this.heartbeat);
    clearTimeout(this.pongDeadline);
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onerror = null;
      socket.onclose = null;
      if (socket.readyState <= OPEN) socket.close(1000, 'client');
    }
  }
}
