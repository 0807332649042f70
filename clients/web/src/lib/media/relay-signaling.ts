/**
 * The WebSocket to devstack's signaling relay (`SignalingUrl?joinToken=`): JSON frames in, `signal`
 * frames out, and a reconnect with backoff when it drops, because a dropped socket (a network
 * change, a devstack restart) must not end a call whose media may still be flowing.
 */

const RECONNECT_MS = [500, 1_000, 2_000, 4_000];

export interface SignalingHandlers {
  /** a parsed frame from the relay */
  frame: (frame: unknown) => void;
  /** the socket dropped; a reconnect is scheduled */
  down: () => void;
}

export class RelaySignaling {
  private readonly url: string;
  private readonly handlers: SignalingHandlers;
  private socket?: WebSocket;
  private attempts = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private closed = false;

  constructor(url: string, handlers: SignalingHandlers) {
    this.url = url;
    this.handlers = handlers;
  }

  open(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempts = 0;
    };
    socket.onmessage = (event) => {
      let frame: unknown;
      try {
        frame = JSON.parse(String(event.data));
      } catch {
        return; // not JSON: ignored, like any frame the protocol does not name
      }
      this.handlers.frame(frame);
    };
    socket.onclose = () => {
      if (this.closed || this.socket !== socket) return;
      this.handlers.down();
      const delay = RECONNECT_MS[Math.min(this.attempts, RECONNECT_MS.length - 1)] ?? 4_000;
      this.attempts += 1;
      this.timer = setTimeout(() => this.open(), delay);
    };
  }

  /** Reconnects at once unless the socket is open (the browser said the network is back). */
  ensureOpen(): void {
    if (this.closed || this.socket?.readyState === WebSocket.OPEN) return;
    const stale = this.socket;
    this.socket = undefined;
    stale?.close();
    this.open();
  }

  /** Sends a signal to one attendee; dropped while the socket is down (a re-join renegotiates). */
  send(to: string, data: unknown): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ type: 'signal', to, data }));
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(1000);
  }
}
