/** JSON responses and the ids and time the fake API's parts share. */

export const json = (status: number, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

export const error = (status: number, code: string, message: string) => json(status, { error: { code, message } });

/** One counter for every id (so ids never collide across parts) and a clock that moves a second per message. */
export class FakeWorld {
  private counter = 0;
  private clock = Date.parse('2026-11-20T09:00:00Z');

  next(): number {
    this.counter += 1;
    return this.counter;
  }

  /** the current time, ISO */
  now(): string {
    return new Date(this.clock).toISOString();
  }

  /** moves the clock a second on and returns the new time */
  tick(): string {
    this.clock += 1000;
    return this.now();
  }
}
