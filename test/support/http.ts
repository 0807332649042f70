// biome-ignore-all lint/suspicious/noExplicitAny: test responses are read field by field
import { inject } from 'vitest';

/** The origin of the devstack the integration global setup started (or PARLEY_DEVSTACK_URL). */
export function devstackUrl(): string {
  const provided = (inject as unknown as (key: string) => { url: string } | undefined)('devstack');
  if (!provided?.url)
    throw new Error('no devstack: run through the integration project (vitest --project integration)');
  return provided.url.replace(/\/$/, '');
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A small JSON client for one service behind the devstack origin: `api('identity')('GET', '/me', {token})`. */
export function api(service: string, base: string = devstackUrl()) {
  return async function call<T = any>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const res = await fetch(`${base}/api/${service}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined
        ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
        : {}),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: body as T };
  };
}
