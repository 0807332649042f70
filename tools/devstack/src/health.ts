import { request } from 'node:http';
import { connect } from 'node:net';

export interface Probe {
  ok: boolean;
  ms: number;
  detail?: string;
}

/** GET `url`; ok when it answers 200 within `timeoutMs`. */
export function probeHttp(url: string, timeoutMs = 2000): Promise<Probe> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', timeout: timeoutMs, agent: false }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          ok: res.statusCode === 200,
          ms: ms(),
          ...(res.statusCode === 200 ? {} : { detail: `HTTP ${res.statusCode}` }),
        }),
      );
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err) =>
      resolve({ ok: false, ms: ms(), detail: (err as NodeJS.ErrnoException).code ?? err.message }),
    );
    req.end();
  });
}

/** Any HTTP answer at all (DynamoDB Local answers 400 to a bare GET: it is up). */
export function probeHttpAnswer(url: string, timeoutMs = 2000): Promise<Probe> {
  return probeHttp(url, timeoutMs).then((p) => (p.detail?.startsWith('HTTP ') ? { ok: true, ms: p.ms } : p));
}

/** A TCP connection to 127.0.0.1:`port` opens. */
export function probeTcp(port: number, timeoutMs = 1000): Promise<Probe> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, timeout: timeoutMs });
    const done = (ok: boolean, detail?: string) => {
      socket.destroy();
      resolve({ ok, ms: Math.round(performance.now() - started), ...(detail ? { detail } : {}) });
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false, 'timeout'));
    socket.once('error', (err: NodeJS.ErrnoException) => done(false, err.code ?? err.message));
  });
}

/** Polls `probe` until it is ok; rejects after `timeoutMs` with the last probe's detail. */
export async function waitUntil(
  probe: () => Promise<Probe>,
  timeoutMs: number,
  what: string,
  intervalMs = 150,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: Probe = { ok: false, ms: 0 };
  while (Date.now() < deadline) {
    last = await probe();
    if (last.ok) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${what} did not come up within ${Math.round(timeoutMs / 1000)} s (${last.detail ?? 'no answer'})`);
}
